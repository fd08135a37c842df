package io.meshdesk.ledger.spending;

import io.meshdesk.ledger.analysis.AnomalyRules;
import io.meshdesk.ledger.analysis.FlaggedCharge;
import io.meshdesk.ledger.analysis.MonthRange;
import io.meshdesk.ledger.analysis.MonthSpend;
import io.meshdesk.ledger.analysis.SpendingAnalysis;
import io.meshdesk.ledger.analysis.SpendingReport;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.posting.LedgerReadStore;
import io.meshdesk.platform.db.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Expense analysis of a card: spending by category per month with its trend, and unusual charges. A
 * customer may analyse only their own cards (NOT_FOUND otherwise).
 */
public final class SpendingService {

  /** Window of flagged charges when the caller names none. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

  /** History before the window that the anomaly rules compare with. */
  public static final Duration HISTORY = Duration.ofDays(365);

  private final Transactions tx;
  private final Clock clock;

  public SpendingService(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Spending per category for each month of {@code range}, and the last month's trend. */
  public SpendingReport spending(
      UUID tenant, UUID holderRestriction, UUID cardId, MonthRange range) {
    return tx.inTenant(
        tenant,
        c -> {
          String currency = CardService.visible(c, tenant, holderRestriction, cardId).currency();
          List<MonthSpend> months =
              SpendingAnalysis.monthly(
                  range,
                  SpendingStore.monthTotals(
                      c, tenant, cardId, range.firstDay(), range.endExclusive()));
          return new SpendingReport(currency, months, SpendingAnalysis.trends(months));
        });
  }

  /** Charges posted at or after {@code since} (null: 90 days ago) that look unusual. */
  public List<UnusualChargeView> unusual(
      UUID tenant, UUID holderRestriction, UUID cardId, Instant since) {
    Instant from = since != null ? since : clock.instant().minus(DEFAULT_WINDOW);
    return tx.inTenant(
        tenant,
        c -> {
          CardService.visible(c, tenant, holderRestriction, cardId);
          List<FlaggedCharge> flagged =
              AnomalyRules.flag(
                  SpendingStore.charges(c, tenant, cardId, from.minus(HISTORY)), from);
          List<UnusualChargeView> out = new ArrayList<>();
          for (FlaggedCharge f : flagged) {
            LedgerReadStore.txn(c, tenant, f.charge().id())
                .ifPresent(t -> out.add(new UnusualChargeView(t, f)));
          }
          return out;
        });
  }
}
