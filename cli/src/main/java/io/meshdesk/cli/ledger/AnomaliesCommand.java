package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.ListUnusualChargesRequest;
import io.meshdesk.api.ledger.v1.ListUnusualChargesResponse;
import io.meshdesk.api.ledger.v1.UnusualCharge;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl anomalies CARD}: a card's charges that look unusual. */
@Command(
    name = "anomalies",
    description =
        "A card's unusual charges: duplicates, large first charges at a merchant, amounts far"
            + " above the usual one for the category.")
@Rpc(OnLedger.SERVICE + "ListUnusualCharges")
public final class AnomaliesCommand extends OnLedger {

  @Parameters(paramLabel = "CARD_ID", description = "Card id.")
  String card;

  @Option(
      names = "--days",
      defaultValue = "90",
      description = "Charges of the last DAYS days, 1-3650 (default: ${DEFAULT-VALUE}).")
  int days;

  @Override
  protected int run(LedgerServiceBlockingStub ledger, Output out) {
    if (days < 1 || days > 3650) {
      throw new IllegalArgumentException("--days must be between 1 and 3650, got " + days);
    }
    ListUnusualChargesResponse r =
        ledger.listUnusualCharges(
            ListUnusualChargesRequest.newBuilder()
                .setCardId(card)
                .setSince(ProtoTime.timestamp(Instant.now().minus(Duration.ofDays(days))))
                .build());
    out.print(
        r,
        () -> {
          Table t = new Table("POSTED", "MERCHANT", "AMOUNT", "FLAG", "WHY", "TRANSACTION");
          for (UnusualCharge u : r.getChargesList()) {
            t.row(
                Formats.time(u.getTransaction().hasPostedAt(), u.getTransaction().getPostedAt()),
                u.getTransaction().getMerchant().getName(),
                Formats.money(u.getTransaction().getAmount()),
                u.getFlag().name().substring("CHARGE_FLAG_".length()).toLowerCase(Locale.ROOT),
                u.getExplanation(),
                u.getTransaction().getId());
          }
          return t;
        });
    return 0;
  }
}
