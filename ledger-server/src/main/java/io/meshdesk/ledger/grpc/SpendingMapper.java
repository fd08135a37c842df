package io.meshdesk.ledger.grpc;

import io.meshdesk.api.ledger.v1.CategorySpending;
import io.meshdesk.api.ledger.v1.ChargeFlag;
import io.meshdesk.api.ledger.v1.GetSpendingResponse;
import io.meshdesk.api.ledger.v1.ListUnusualChargesResponse;
import io.meshdesk.api.ledger.v1.MonthSpending;
import io.meshdesk.api.ledger.v1.UnusualCharge;
import io.meshdesk.ledger.analysis.CategoryTrend;
import io.meshdesk.ledger.analysis.SpendingReport;
import io.meshdesk.ledger.spending.UnusualChargeView;
import java.util.List;

/** Maps expense analysis results to their contract messages. */
final class SpendingMapper {

  private SpendingMapper() {}

  static GetSpendingResponse spending(SpendingReport r) {
    String currency = r.currency();
    GetSpendingResponse.Builder b = GetSpendingResponse.newBuilder();
    r.months()
        .forEach(
            m -> {
              MonthSpending.Builder month =
                  MonthSpending.newBuilder()
                      .setMonth(m.month().toString())
                      .setTotal(LedgerMapper.money(m.totalMinor(), currency));
              m.categories()
                  .forEach(
                      c ->
                          month.addCategories(
                              CategorySpending.newBuilder()
                                  .setCategory(c.category())
                                  .setAmount(LedgerMapper.money(c.amountMinor(), currency))
                                  .setTransactionCount(c.count())));
              b.addMonths(month);
            });
    r.trends().forEach(t -> b.addTrends(trend(t, currency)));
    return b.build();
  }

  private static io.meshdesk.api.ledger.v1.CategoryTrend trend(CategoryTrend t, String currency) {
    var b =
        io.meshdesk.api.ledger.v1.CategoryTrend.newBuilder()
            .setCategory(t.category())
            .setCurrent(LedgerMapper.money(t.currentMinor(), currency))
            .setBaseline(LedgerMapper.money(t.baselineMinor(), currency))
            .setDelta(LedgerMapper.money(t.deltaMinor(), currency));
    if (t.percentChange() != null) {
      b.setPercentChange(t.percentChange());
    }
    return b.build();
  }

  static ListUnusualChargesResponse unusual(List<UnusualChargeView> charges) {
    ListUnusualChargesResponse.Builder b = ListUnusualChargesResponse.newBuilder();
    for (UnusualChargeView v : charges) {
      b.addCharges(
          UnusualCharge.newBuilder()
              .setTransaction(LedgerMapper.txn(v.txn()))
              .setFlag(ChargeFlag.valueOf("CHARGE_FLAG_" + v.flag().flag().name()))
              .setCategory(v.flag().category())
              .setExplanation(v.flag().explanation())
              .setRelatedTransactionId(
                  v.flag().relatedId() == null ? "" : v.flag().relatedId().toString()));
    }
    return b.build();
  }
}
