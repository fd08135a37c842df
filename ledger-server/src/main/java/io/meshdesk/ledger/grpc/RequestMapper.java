package io.meshdesk.ledger.grpc;

import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Maps contract requests to posting operations (the contract has validated their shape). */
final class RequestMapper {

  private RequestMapper() {}

  static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(field, "must be a UUID");
    }
  }

  static UUID optionalUuid(String field, String value) {
    return value == null || value.isEmpty() ? null : uuid(field, value);
  }

  static io.meshdesk.ledger.domain.Merchant merchant(Merchant m) {
    return new io.meshdesk.ledger.domain.Merchant(
        m.getName(), m.getMcc(), m.getCountry(), m.getCity(), m.getMerchantId());
  }

  static Instant start(TimeRange r) {
    return r.hasStartTime() ? ProtoTime.instant(r.getStartTime()) : null;
  }

  static Instant end(TimeRange r) {
    return r.hasEndTime() ? ProtoTime.instant(r.getEndTime()) : null;
  }

  static PostingOp authorize(AuthorizeRequest r) {
    Duration expires =
        r.hasExpiresIn()
            ? Duration.ofSeconds(r.getExpiresIn().getSeconds(), r.getExpiresIn().getNanos())
            : null;
    return new PostingOp.Authorize(
        uuid("card_id", r.getCardId()),
        r.getAmount().getAmountMinor(),
        r.getAmount().getCurrency(),
        merchant(r.getMerchant()),
        expires,
        r.getIdempotencyKey());
  }

  static PostingOp capture(CaptureRequest r) {
    return new PostingOp.Capture(
        uuid("hold_id", r.getHoldId()),
        r.hasAmount() ? r.getAmount().getAmountMinor() : null,
        r.hasAmount() ? r.getAmount().getCurrency() : null,
        r.getIdempotencyKey());
  }

  static PostingOp voidHold(VoidRequest r) {
    return new PostingOp.VoidHold(uuid("hold_id", r.getHoldId()), r.getIdempotencyKey());
  }

  static PostingOp purchase(PurchaseRequest r) {
    return direct(
        TxnType.PURCHASE,
        r.getCardId(),
        r.getAmount(),
        merchant(r.getMerchant()),
        null,
        "",
        "",
        "",
        r.getIdempotencyKey());
  }

  static PostingOp refund(RefundRequest r) {
    return direct(
        TxnType.REFUND,
        r.getCardId(),
        r.getAmount(),
        r.hasMerchant() ? merchant(r.getMerchant()) : io.meshdesk.ledger.domain.Merchant.NONE,
        optionalUuid("original_transaction_id", r.getOriginalTransactionId()),
        "",
        "",
        "",
        r.getIdempotencyKey());
  }

  static PostingOp payment(PaymentRequest r) {
    return direct(
        TxnType.PAYMENT,
        r.getCardId(),
        r.getAmount(),
        io.meshdesk.ledger.domain.Merchant.NONE,
        null,
        "",
        "",
        r.getReference(),
        r.getIdempotencyKey());
  }

  static PostingOp fee(PostFeeRequest r) {
    return direct(
        TxnType.FEE,
        r.getCardId(),
        r.getAmount(),
        io.meshdesk.ledger.domain.Merchant.NONE,
        null,
        r.getFeeType().name().substring("FEE_TYPE_".length()),
        r.getDescription(),
        "",
        r.getIdempotencyKey());
  }

  static PostingOp cashAdvance(CashAdvanceRequest r) {
    return direct(
        TxnType.CASH_ADVANCE,
        r.getCardId(),
        r.getAmount(),
        r.hasMerchant() ? merchant(r.getMerchant()) : io.meshdesk.ledger.domain.Merchant.NONE,
        null,
        "",
        "",
        "",
        r.getIdempotencyKey());
  }

  static PostingOp reverse(ReverseRequest r) {
    return new PostingOp.Reverse(
        uuid("card_id", r.getCardId()),
        uuid("original_transaction_id", r.getOriginalTransactionId()),
        r.getReason(),
        r.getIdempotencyKey());
  }

  static PostingOp batchItem(int index, BatchOperation op) {
    try {
      return switch (op.getOperationCase()) {
        case AUTHORIZE -> authorize(op.getAuthorize());
        case CAPTURE -> capture(op.getCapture());
        case VOID_HOLD -> voidHold(op.getVoidHold());
        case PURCHASE -> purchase(op.getPurchase());
        case REFUND -> refund(op.getRefund());
        case PAYMENT -> payment(op.getPayment());
        case POST_FEE -> fee(op.getPostFee());
        case CASH_ADVANCE -> cashAdvance(op.getCashAdvance());
        case REVERSE -> reverse(op.getReverse());
        case OPERATION_NOT_SET -> throw new InvalidArgumentException("operation", "must be set");
      };
    } catch (InvalidArgumentException e) {
      throw new InvalidArgumentException("operations[" + index + "]." + e.field(), e.getMessage());
    }
  }

  /**
   * The full name of the single-operation RPC a batch operation stands for (its permission is that
   * RPC's), or null.
   */
  static String rpcOf(BatchOperation op) {
    return switch (op.getOperationCase()) {
      case AUTHORIZE -> LedgerServiceGrpc.getAuthorizeMethod().getFullMethodName();
      case CAPTURE -> LedgerServiceGrpc.getCaptureMethod().getFullMethodName();
      case VOID_HOLD -> LedgerServiceGrpc.getVoidMethod().getFullMethodName();
      case PURCHASE -> LedgerServiceGrpc.getPurchaseMethod().getFullMethodName();
      case REFUND -> LedgerServiceGrpc.getRefundMethod().getFullMethodName();
      case PAYMENT -> LedgerServiceGrpc.getPaymentMethod().getFullMethodName();
      case POST_FEE -> LedgerServiceGrpc.getPostFeeMethod().getFullMethodName();
      case CASH_ADVANCE -> LedgerServiceGrpc.getCashAdvanceMethod().getFullMethodName();
      case REVERSE -> LedgerServiceGrpc.getReverseMethod().getFullMethodName();
      case OPERATION_NOT_SET -> null;
    };
  }

  private static PostingOp direct(
      TxnType type,
      String cardId,
      io.meshdesk.api.common.v1.Money amount,
      io.meshdesk.ledger.domain.Merchant merchant,
      UUID original,
      String feeType,
      String description,
      String reference,
      String key) {
    return new PostingOp.Direct(
        type,
        uuid("card_id", cardId),
        amount.getAmountMinor(),
        amount.getCurrency(),
        merchant,
        original,
        feeType,
        description,
        reference,
        key);
  }
}
