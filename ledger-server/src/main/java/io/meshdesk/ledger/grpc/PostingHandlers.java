package io.meshdesk.ledger.grpc;

import static io.meshdesk.ledger.grpc.RequestMapper.uuid;

import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.AuthorizeResponse;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.BatchOperation;
import io.meshdesk.api.ledger.v1.BatchOperationResult;
import io.meshdesk.api.ledger.v1.BatchPostRequest;
import io.meshdesk.api.ledger.v1.BatchPostResponse;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CaptureResponse;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceResponse;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PaymentResponse;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PostFeeResponse;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.PurchaseResponse;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.RefundResponse;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.ReverseResponse;
import io.meshdesk.api.ledger.v1.SettlePaymentRequest;
import io.meshdesk.api.ledger.v1.SettlePaymentResponse;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.api.ledger.v1.VoidResponse;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.OpResult;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.payment.PendingPayments;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posting RPCs: holds, purchases, refunds, fees, reversals, cash advances, payments and
 * batches, and who hears about accepted credit use and payments.
 */
final class PostingHandlers {

  private static final Logger log = LoggerFactory.getLogger(PostingHandlers.class);

  private final PostingEngine postings;
  private final PendingPayments pendingPayments;
  private volatile PaymentListener paymentListener = PaymentListener.NONE;
  private volatile PostingListener postingListener = PostingListener.NONE;

  PostingHandlers(PostingEngine postings, PendingPayments pendingPayments) {
    this.postings = postings;
    this.pendingPayments = pendingPayments;
  }

  void onPosting(PostingListener listener) {
    this.postingListener = listener;
  }

  void onPayment(PaymentListener listener) {
    this.paymentListener = listener;
  }

  AuthorizeResponse authorize(AuthorizeRequest r) {
    return AuthorizeResponse.newBuilder().setResult(post(RequestMapper.authorize(r))).build();
  }

  CaptureResponse capture(CaptureRequest r) {
    return CaptureResponse.newBuilder()
        .setResult(creditUsed(post(RequestMapper.capture(r))))
        .build();
  }

  VoidResponse voidHold(VoidRequest r) {
    return VoidResponse.newBuilder().setResult(post(RequestMapper.voidHold(r))).build();
  }

  PurchaseResponse purchase(PurchaseRequest r) {
    return PurchaseResponse.newBuilder()
        .setResult(creditUsed(post(RequestMapper.purchase(r))))
        .build();
  }

  RefundResponse refund(RefundRequest r) {
    return RefundResponse.newBuilder().setResult(post(RequestMapper.refund(r))).build();
  }

  PostFeeResponse postFee(PostFeeRequest r) {
    return PostFeeResponse.newBuilder().setResult(post(RequestMapper.fee(r))).build();
  }

  ReverseResponse reverse(ReverseRequest r) {
    return ReverseResponse.newBuilder().setResult(post(RequestMapper.reverse(r))).build();
  }

  CashAdvanceResponse cashAdvance(CashAdvanceRequest r) {
    return CashAdvanceResponse.newBuilder()
        .setResult(creditUsed(post(RequestMapper.cashAdvance(r))))
        .build();
  }

  /**
   * Staff and service accounts post a payment at once; a customer's payment is an instruction
   * pending settlement.
   */
  PaymentResponse payment(PaymentRequest r) {
    Principal caller = AuthContext.principal();
    if (caller.role() == Role.CUSTOMER) {
      var i =
          pendingPayments.instruct(
              Caller.tenant(),
              caller.subject(),
              uuid("card_id", r.getCardId()),
              r.getAmount().getAmountMinor(),
              r.getAmount().getCurrency(),
              r.getReference(),
              IdempotencyScope.scoped(caller.subject(), r.getIdempotencyKey()));
      return PaymentResponse.newBuilder()
          .setResult(PaymentMapper.instructed(i))
          .setPendingPayment(PaymentMapper.pending(i.payment()))
          .build();
    }
    OperationResult result = post(RequestMapper.payment(r));
    if (!result.getReplayed()) {
      paymentPosted(result.getTransaction());
    }
    return PaymentResponse.newBuilder().setResult(result).build();
  }

  SettlePaymentResponse settlePayment(SettlePaymentRequest r) {
    UUID tenant = Caller.tenant();
    var s =
        pendingPayments.settle(
            tenant,
            uuid("pending_payment_id", r.getPendingPaymentId()),
            PaymentMapper.outcome(r.getOutcome()));
    if (s.posting() != null && !s.replayed()) {
      paymentPosted(LedgerMapper.txn(s.posting().txn()));
    }
    return SettlePaymentResponse.newBuilder()
        .setPendingPayment(PaymentMapper.pending(s.payment()))
        .setBalance(
            PaymentMapper.withPending(
                s.balance(), pendingPayments.pendingTotals(tenant, s.payment().cardId())))
        .build();
  }

  BatchPostResponse batchPost(BatchPostRequest r) {
    Principal caller = AuthContext.principal();
    List<PostingOp> ops = new ArrayList<>(r.getOperationsCount());
    for (int i = 0; i < r.getOperationsCount(); i++) {
      requirePermission(caller, i, r.getOperations(i));
      ops.add(callerScoped(RequestMapper.batchItem(i, r.getOperations(i))));
    }
    List<OpResult> results = postings.postBatch(Caller.tenant(), Caller.holderRestriction(), ops);
    BatchPostResponse.Builder b = BatchPostResponse.newBuilder();
    int accepted = 0;
    for (int i = 0; i < results.size(); i++) {
      accepted += results.get(i).accepted() ? 1 : 0;
      b.addResults(
          BatchOperationResult.newBuilder()
              .setIndex(i)
              .setResult(LedgerMapper.result(results.get(i))));
    }
    return b.setAcceptedCount(accepted).setDeclinedCount(results.size() - accepted).build();
  }

  /**
   * Posts one operation. An unknown (or invisible) card or hold fails the call with NOT_FOUND and
   * wrote nothing. A decline (its record already committed, or an idempotency conflict that wrote
   * nothing) fails it with FAILED_PRECONDITION whose ErrorInfo reason is the decline code; a replay
   * of a declined key fails the same way.
   */
  private OperationResult post(PostingOp op) {
    OpResult r = postings.post(Caller.tenant(), Caller.holderRestriction(), callerScoped(op));
    if (!r.accepted() && r.decline().isNotFound()) {
      throw new NotFoundException(r.detail());
    }
    if (!r.accepted()) {
      throw new FailedPreconditionException(r.decline().name(), r.detail());
    }
    return LedgerMapper.result(r);
  }

  /**
   * The operation with its key scoped to the caller: callers never see or squat each other's keys.
   */
  private static PostingOp callerScoped(PostingOp op) {
    return op.withIdempotencyKey(
        IdempotencyScope.scoped(AuthContext.principal().subject(), op.idempotencyKey()));
  }

  /**
   * A batch must not do what the caller may not do one by one: each operation needs its own RPC's
   * permission.
   */
  private static void requirePermission(Principal caller, int index, BatchOperation op) {
    String method = RequestMapper.rpcOf(op);
    String permission = method == null ? null : Rbac.permissionFor(method).orElse("");
    if (permission != null && !caller.can(permission)) {
      throw new PermissionDeniedException(
          "operations["
              + index
              + "]: "
              + method.substring(method.indexOf('/') + 1)
              + " needs permission "
              + permission);
    }
  }

  /** Tells the posting listener about an accepted, new posting; its failure never fails the RPC. */
  private OperationResult creditUsed(OperationResult result) {
    if (!result.getReplayed() && result.hasBalance()) {
      Balance b = result.getBalance();
      try {
        postingListener.creditUsed(
            Caller.tenant(),
            UUID.fromString(b.getCardId()),
            b.getPostedBalance().getAmountMinor() + b.getOpenHolds().getAmountMinor(),
            b.getCreditLimit().getAmountMinor(),
            b.getCreditLimit().getCurrency());
      } catch (RuntimeException e) {
        // The posting is committed; a missed utilisation notice must not fail it.
        log.warn("posting listener failed: {}", e.toString());
      }
    }
    return result;
  }

  private void paymentPosted(Transaction t) {
    paymentListener.paymentPosted(
        Caller.tenant(),
        UUID.fromString(t.getCardId()),
        t.getId(),
        t.getAmount().getAmountMinor(),
        t.getAmount().getCurrency());
  }
}
