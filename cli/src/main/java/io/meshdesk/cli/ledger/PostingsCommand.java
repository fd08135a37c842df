package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.AuthorizeRequest;
import io.meshdesk.api.ledger.v1.CaptureRequest;
import io.meshdesk.api.ledger.v1.CashAdvanceRequest;
import io.meshdesk.api.ledger.v1.FeeType;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.OperationOutcome;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.PaymentRequest;
import io.meshdesk.api.ledger.v1.PostFeeRequest;
import io.meshdesk.api.ledger.v1.PurchaseRequest;
import io.meshdesk.api.ledger.v1.RefundRequest;
import io.meshdesk.api.ledger.v1.VoidRequest;
import io.meshdesk.cli.common.Amounts;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.cli.common.Words;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl postings}: single ledger operations, and {@code import} of a CSV file (ledger
 * server). A declined operation prints its reason and exits with 5.
 */
@Command(
    name = "postings",
    description = "Post one ledger operation, or import many from CSV; declined exits with 5.",
    subcommands = {
      PostingsCommand.Purchase.class,
      PostingsCommand.Authorize.class,
      PostingsCommand.Capture.class,
      PostingsCommand.VoidHold.class,
      PostingsCommand.Refund.class,
      PostingsCommand.Payment.class,
      PostingsCommand.Fee.class,
      PostingsCommand.CashAdvance.class,
      PostingsImportCommand.class
    })
public final class PostingsCommand {

  private PostingsCommand() {}

  /** Options of every single operation. */
  abstract static class Single extends OnLedger {
    @Option(names = "--amount", required = true, description = "Amount, e.g. 12.50.")
    String amount;

    @Option(names = "--currency", defaultValue = "USD", description = "Currency (default: USD).")
    String currency;

    @Option(
        names = "--idempotency-key",
        description = "Key that makes a retry safe (default: a new random one).")
    String key;

    String key() {
      return key == null ? "cli-" + UUID.randomUUID() : key;
    }

    io.meshdesk.api.common.v1.Money money() {
      return Amounts.money("--amount", amount, currency);
    }

    abstract OperationResult post(LedgerServiceBlockingStub ledger);

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      OperationResult r = post(ledger);
      out.print(r, () -> table(r));
      if (r.getOutcome() == OperationOutcome.OPERATION_OUTCOME_DECLINED) {
        System.err.println(
            "meshctl: declined: "
                + Formats.enumWord(r.getDeclineReason().name(), "DECLINE_REASON_")
                + (r.getDeclineDetail().isEmpty() ? "" : " (" + r.getDeclineDetail() + ")"));
        return 5;
      }
      return 0;
    }
  }

  /** Operations on a card at a merchant. */
  abstract static class AtMerchant extends Single {
    @Option(names = "--card", required = true, description = "Card id.")
    String card;

    @Option(names = "--merchant", defaultValue = "meshctl", description = "Merchant name.")
    String merchant;

    Merchant merchant() {
      return Merchant.newBuilder().setName(merchant).build();
    }
  }

  static Table table(OperationResult r) {
    return new Table("OUTCOME", "DECLINE", "TRANSACTION", "HOLD", "AMOUNT", "POSTED_BALANCE")
        .row(
            Formats.enumWord(r.getOutcome().name(), "OPERATION_OUTCOME_")
                + (r.getReplayed() ? " (replayed)" : ""),
            Formats.enumWord(r.getDeclineReason().name(), "DECLINE_REASON_"),
            Formats.text(r.getTransaction().getId()),
            Formats.text(r.getHold().getId()),
            r.hasTransaction()
                ? Formats.money(r.getTransaction().getAmount())
                : r.hasHold() ? Formats.money(r.getHold().getAmount()) : "-",
            r.hasBalance() ? Formats.money(r.getBalance().getPostedBalance()) : "-");
  }

  @Command(name = "purchase", description = "Post a purchase.")
  @Rpc(OnLedger.SERVICE + "Purchase")
  static final class Purchase extends AtMerchant {
    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .purchase(
              PurchaseRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money())
                  .setMerchant(merchant())
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "authorize", description = "Place a hold (authorization) on a card.")
  @Rpc(OnLedger.SERVICE + "Authorize")
  static final class Authorize extends AtMerchant {
    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .authorize(
              AuthorizeRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money())
                  .setMerchant(merchant())
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "capture", description = "Capture a hold, fully or partly.")
  @Rpc(OnLedger.SERVICE + "Capture")
  static final class Capture extends Single {
    @Option(names = "--hold", required = true, description = "Hold id.")
    String hold;

    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .capture(
              CaptureRequest.newBuilder()
                  .setHoldId(hold)
                  .setAmount(money())
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "void", description = "Release a hold without posting.")
  @Rpc(OnLedger.SERVICE + "Void")
  static final class VoidHold extends OnLedger {
    @Option(names = "--hold", required = true, description = "Hold id.")
    String hold;

    @Option(names = "--idempotency-key", description = "Key that makes a retry safe.")
    String key;

    @Override
    protected int run(LedgerServiceBlockingStub ledger, Output out) {
      OperationResult r =
          ledger
              .void_(
                  VoidRequest.newBuilder()
                      .setHoldId(hold)
                      .setIdempotencyKey(key == null ? "cli-" + UUID.randomUUID() : key)
                      .build())
              .getResult();
      out.print(r, () -> table(r));
      return r.getOutcome() == OperationOutcome.OPERATION_OUTCOME_DECLINED ? 5 : 0;
    }
  }

  @Command(name = "refund", description = "Refund (part of) a purchase.")
  @Rpc(OnLedger.SERVICE + "Refund")
  static final class Refund extends AtMerchant {
    @Option(names = "--transaction", required = true, description = "Purchase transaction id.")
    String original;

    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .refund(
              RefundRequest.newBuilder()
                  .setCardId(card)
                  .setOriginalTransactionId(original)
                  .setAmount(money())
                  .setMerchant(merchant())
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "payment", description = "Record a payment instruction (pending until settled).")
  @Rpc(OnLedger.SERVICE + "Payment")
  static final class Payment extends Single {
    @Option(names = "--card", required = true, description = "Card id.")
    String card;

    @Option(names = "--reference", defaultValue = "", description = "Payer's reference.")
    String reference;

    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .payment(
              PaymentRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money())
                  .setReference(reference)
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "fee", description = "Charge a fee.")
  @Rpc(OnLedger.SERVICE + "PostFee")
  static final class Fee extends Single {
    @Option(names = "--card", required = true, description = "Card id.")
    String card;

    @Option(
        names = "--type",
        required = true,
        description =
            "late-payment, annual, foreign-transaction, cash-advance, returned-payment,"
                + " other.")
    String type;

    @Option(names = "--description", defaultValue = "", description = "Shown on the statement.")
    String description;

    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .postFee(
              PostFeeRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money())
                  .setFeeType(Words.parse(FeeType.class, "FEE_TYPE_", "--type", type))
                  .setDescription(description)
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }

  @Command(name = "cash-advance", description = "Post a cash advance.")
  @Rpc(OnLedger.SERVICE + "CashAdvance")
  static final class CashAdvance extends AtMerchant {
    @Override
    OperationResult post(LedgerServiceBlockingStub ledger) {
      return ledger
          .cashAdvance(
              CashAdvanceRequest.newBuilder()
                  .setCardId(card)
                  .setAmount(money())
                  .setMerchant(merchant())
                  .setIdempotencyKey(key())
                  .build())
          .getResult();
    }
  }
}
