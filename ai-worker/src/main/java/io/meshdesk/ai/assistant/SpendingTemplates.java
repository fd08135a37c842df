package io.meshdesk.ai.assistant;

import static io.meshdesk.ai.assistant.SpendingAssistant.format;
import static io.meshdesk.ai.assistant.TemplateResult.cap;
import static io.meshdesk.ai.assistant.TemplateResult.money;
import static io.meshdesk.ai.assistant.TemplateResult.negate;
import static io.meshdesk.ai.assistant.TemplateResult.on;
import static io.meshdesk.ai.assistant.TemplateResult.row;
import static io.meshdesk.ai.assistant.TemplateResult.spent;
import static io.meshdesk.ai.assistant.TemplateResult.suffix;

import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Transaction;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The spending functions' results (transactions, spending by category, month comparison, unusual
 * charges): the data the model reads, the figures, and the same facts phrased by a template (the
 * offline answer).
 */
final class SpendingTemplates {

  private static final int LISTED = 20;

  private SpendingTemplates() {}

  static FunctionResult transactions(
      String name,
      List<Card> cards,
      YearMonth month,
      String category,
      String merchant,
      List<List<Transaction>> perCard) {
    TemplateResult r = new TemplateResult(name);
    String what =
        (merchant != null ? " at " + merchant : "") + (category != null ? " on " + category : "");
    for (int i = 0; i < cards.size(); i++) {
      Card c = cards.get(i);
      List<Transaction> txs = perCard.get(i);
      Money total = money(SpendingMath.total(txs), c);
      Map<String, Object> d = r.card(c);
      d.put("month", month.toString());
      d.put("total", format(total));
      d.put("count", txs.size());
      d.put("transactions", txs.stream().limit(LISTED).map(TemplateResult::row).toList());
      r.figures.add(
          spent("Spent" + what + " in " + month + suffix(c, cards), total, c, month, txs));
      r.parts.add(
          "you spent "
              + format(total)
              + what
              + " in "
              + month
              + on(c, cards)
              + " over "
              + txs.size()
              + (txs.size() == 1 ? " transaction" : " transactions"));
    }
    return r.done();
  }

  static FunctionResult byCategory(
      String name, List<Card> cards, YearMonth month, List<List<Transaction>> perCard) {
    TemplateResult r = new TemplateResult(name);
    for (int i = 0; i < cards.size(); i++) {
      Card c = cards.get(i);
      Map<String, Object> d = r.card(c);
      d.put("month", month.toString());
      Map<String, Object> sums = new LinkedHashMap<>();
      List<String> phrases = new ArrayList<>();
      for (var e : SpendingMath.byCategory(perCard.get(i)).entrySet()) {
        Money m = money(e.getValue(), c);
        List<Transaction> in =
            perCard.get(i).stream()
                .filter(t -> SpendingMath.categoryOf(t).equals(e.getKey()))
                .toList();
        sums.put(e.getKey(), format(m));
        r.figures.add(spent(cap(e.getKey()) + " in " + month + suffix(c, cards), m, c, month, in));
        phrases.add(e.getKey() + " " + format(m));
      }
      d.put("categories", sums);
      r.parts.add(
          phrases.isEmpty()
              ? "you spent nothing in " + month + on(c, cards)
              : "your spending in " + month + on(c, cards) + " was " + String.join(", ", phrases));
    }
    return r.done();
  }

  static FunctionResult compare(
      String name,
      List<Card> cards,
      YearMonth month,
      YearMonth earlier,
      BiFunction<Card, YearMonth, List<Transaction>> spendingIn) {
    TemplateResult r = new TemplateResult(name);
    for (Card c : cards) {
      List<Transaction> now = spendingIn.apply(c, month);
      List<Transaction> then = spendingIn.apply(c, earlier);
      Money a = money(SpendingMath.total(now), c);
      Money b = money(SpendingMath.total(then), c);
      Money diff = money(a.getAmountMinor() - b.getAmountMinor(), c);
      Map<String, Object> d = r.card(c);
      d.put(month.toString(), format(a));
      d.put(earlier.toString(), format(b));
      d.put("difference", format(diff));
      r.figures.add(spent("Spent in " + month + suffix(c, cards), a, c, month, now));
      r.figures.add(spent("Spent in " + earlier + suffix(c, cards), b, c, earlier, then));
      r.parts.add(
          "you spent "
              + format(a)
              + " in "
              + month
              + " against "
              + format(b)
              + " in "
              + earlier
              + on(c, cards)
              + ", "
              + (diff.getAmountMinor() >= 0
                  ? format(diff) + " more"
                  : format(negate(diff)) + " less"));
    }
    return r.done();
  }

  static FunctionResult unusual(
      String name, List<Card> cards, YearMonth month, List<List<SpendingMath.Flag>> perCard) {
    TemplateResult r = new TemplateResult(name);
    for (int i = 0; i < cards.size(); i++) {
      Card c = cards.get(i);
      List<Map<String, Object>> rows = new ArrayList<>();
      List<String> phrases = new ArrayList<>();
      for (SpendingMath.Flag f : perCard.get(i)) {
        Map<String, Object> row = new LinkedHashMap<>(row(f.charge()));
        row.put("reason", f.reason());
        rows.add(row);
        r.figures.add(
            spent(
                "Unusual charge at " + f.charge().getMerchant().getName() + suffix(c, cards),
                f.charge().getAmount(),
                c,
                month,
                List.of(f.charge())));
        phrases.add(
            format(f.charge().getAmount())
                + " at "
                + f.charge().getMerchant().getName()
                + " ("
                + f.reason()
                + ")");
      }
      Map<String, Object> d = r.card(c);
      d.put("month", month.toString());
      d.put("unusual_charges", rows);
      r.parts.add(
          phrases.isEmpty()
              ? "nothing looks unusual in " + month + on(c, cards)
              : "unusual charges in " + month + on(c, cards) + ": " + String.join("; ", phrases));
    }
    return r.done();
  }
}
