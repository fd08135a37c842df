package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.PendingPayment;
import io.meshdesk.api.ledger.v1.SettlePaymentRequest;
import io.meshdesk.api.ledger.v1.SettlePaymentResponse;
import io.meshdesk.api.ledger.v1.SettlementOutcome;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl ledger settle}: settles a customer's pending payment once the money has arrived
 * (it is posted and counts from then on), or marks it returned (nothing is posted). Either outcome
 * is final; repeating it answers the same result.
 */
@Command(
    name = "settle",
    description = {
      "Settle a customer's pending payment (posts it) or mark it returned (cancels it).",
      "Needs ledger.settle: an admin, or a service account granted it."
    })
@Rpc("meshdesk.ledger.v1.LedgerService/SettlePayment")
public final class LedgerSettleCommand extends LedgerCorrection {

  /** What became of the money. */
  public enum Outcome {
    settled,
    returned
  }

  @Parameters(
      index = "0",
      paramLabel = "PENDING_PAYMENT_ID",
      description = "The pending payment's id.")
  String pendingPayment;

  @Option(names = "--outcome", required = true, description = "settled or returned.")
  Outcome outcome;

  @Override
  protected int run(LedgerServiceBlockingStub ledger, Output out) {
    SettlePaymentResponse r =
        ledger.settlePayment(
            SettlePaymentRequest.newBuilder()
                .setPendingPaymentId(pendingPayment)
                .setOutcome(
                    outcome == Outcome.settled
                        ? SettlementOutcome.SETTLEMENT_OUTCOME_SETTLED
                        : SettlementOutcome.SETTLEMENT_OUTCOME_RETURNED)
                .build());
    PendingPayment p = r.getPendingPayment();
    String status =
        p.getStatus().name().substring("PENDING_PAYMENT_STATUS_".length()).toLowerCase(Locale.ROOT);
    String balance = Formats.money(r.getBalance().getPostedBalance());
    if (out.human()) {
      System.out.printf(
          "payment %s of %s on card %s: %s; posted balance %s%n",
          p.getId(), Formats.money(p.getAmount()), p.getCardId(), status, balance);
    } else {
      out.item(r, "pending_payment");
    }
    return 0;
  }
}
