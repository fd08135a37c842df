package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.CategorySpending;
import io.meshdesk.api.ledger.v1.CategoryTrend;
import io.meshdesk.api.ledger.v1.GetSpendingRequest;
import io.meshdesk.api.ledger.v1.GetSpendingResponse;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.MonthSpending;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl spending CARD}: a card's spending by category per month, and its trend. */
@Command(
    name = "spending",
    description =
        "A card's spending by merchant category per month, and the last month's trend against the"
            + " earlier months.")
@Rpc(OnLedger.SERVICE + "GetSpending")
public final class SpendingCommand extends OnLedger {

  @Parameters(paramLabel = "CARD_ID", description = "Card id.")
  String card;

  @Option(
      names = "--from",
      description = "First month, YYYY-MM (default: five months before --to).")
  String from;

  @Option(names = "--to", description = "Last month, YYYY-MM (default: this month, UTC).")
  String to;

  @Override
  protected int run(LedgerServiceBlockingStub ledger, Output out) {
    YearMonth last = to == null ? YearMonth.now(ZoneOffset.UTC) : month("--to", to);
    YearMonth first = from == null ? last.minusMonths(5) : month("--from", from);
    GetSpendingResponse r =
        ledger.getSpending(
            GetSpendingRequest.newBuilder()
                .setCardId(card)
                .setFromMonth(first.toString())
                .setToMonth(last.toString())
                .build());
    out.print(
        r,
        () -> {
          Table t = new Table("MONTH", "CATEGORY", "AMOUNT", "COUNT", "TREND");
          for (MonthSpending m : r.getMonthsList()) {
            for (CategorySpending c : m.getCategoriesList()) {
              t.row(
                  m.getMonth(),
                  c.getCategory(),
                  Formats.money(c.getAmount()),
                  c.getTransactionCount(),
                  trend(r, m, c.getCategory()));
            }
            t.row(m.getMonth(), "total", Formats.money(m.getTotal()), "", "");
          }
          return t;
        });
    return 0;
  }

  private static String trend(GetSpendingResponse r, MonthSpending m, String category) {
    if (m != r.getMonths(r.getMonthsCount() - 1)) {
      return "";
    }
    for (CategoryTrend t : r.getTrendsList()) {
      if (t.getCategory().equals(category)) {
        return t.hasPercentChange()
            ? String.format(Locale.ROOT, "%+.1f %%", t.getPercentChange())
            : "new";
      }
    }
    return "";
  }

  private static YearMonth month(String option, String value) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a month such as 2025-01, got '" + value + "'");
    }
  }
}
