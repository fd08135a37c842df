package io.meshdesk.ai.assistant;

import static io.meshdesk.ai.assistant.LedgerFunctions.figure;
import static io.meshdesk.ai.assistant.LedgerFunctions.period;
import static io.meshdesk.ai.assistant.SpendingAssistant.format;

import io.meshdesk.api.ai.v1.CitedFigure;
import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Statement;
import io.meshdesk.api.ledger.v1.Transaction;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns ledger data into a {@link FunctionResult}: the data the model reads, the figures, and the
 * same facts phrased by a template (the offline answer).
 */
final class FunctionTemplates {

  private static final int LISTED = 20;

  FunctionResult balance(String name, List<Card> cards, Function<UUID, Balance> read) {
    Result r = new Result(name);
    for (Card c : cards) {
      Balance b = read.apply(UUID.fromString(c.getId()));
      Map<String, Object> d = r.card(c, cards);
      d.put("balance", format(b.getPostedBalance()));
      d.put("available_credit", format(b.getAvailableCredit()));
      r.figures.add(point("Current balance", b.getPostedBalance(), c));
      r.figures.add(point("Available credit", b.getAvailableCredit(), c));
      String s =
          "your balance"
              + on(c, cards)
              + " is "
              + format(b.getPostedBalance())
              + " with "
              + format(b.getAvailableCredit())
              + " of credit available";
      if (b.hasPaymentDueDate()) {
        d.put("minimum_payment_due", format(b.getMinimumPaymentDue()));
        d.put("payment_due_date", date(b.getPaymentDueDate()));
        r.figures.add(point("Minimum payment due", b.getMinimumPaymentDue(), c));
        s +=
            "; a minimum payment of "
                + format(b.getMinimumPaymentDue())
                + " is due by "
                + date(b.getPaymentDueDate());
      }
      r.parts.add(s);
    }
    return r.done();
  }

  FunctionResult statements(String name, List<Card> cards, Function<UUID, List<Statement>> read) {
    Result r = new Result(name);
    for (Card c : cards) {
      List<Statement> list = read.apply(UUID.fromString(c.getId()));
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Statement s : list) {
        rows.add(
            Map.of(
                "period",
                date(s.getPeriodStart()) + " to " + date(s.getPeriodEnd()),
                "new_balance",
                format(s.getNewBalance()),
                "minimum_payment",
                format(s.getMinimumPayment()),
                "due_date",
                date(s.getDueDate())));
      }
      r.card(c, cards).put("statements", rows);
      if (list.isEmpty()) {
        r.parts.add("no statement has been issued yet" + on(c, cards));
        continue;
      }
      Statement s = list.get(0);
      r.figures.add(
          figure(
              "Statement balance " + date(s.getPeriodEnd()) + suffix(c, cards),
              s.getNewBalance(),
              s.getId(),
              FigureSourceKind.FIGURE_SOURCE_KIND_STATEMENT,
              null,
              0));
      r.parts.add(
          "your latest statement"
              + on(c, cards)
              + ", for "
              + date(s.getPeriodStart())
              + " to "
              + date(s.getPeriodEnd())
              + ", shows a balance of "
              + format(s.getNewBalance())
              + " with a minimum payment of "
              + format(s.getMinimumPayment())
              + " due by "
              + date(s.getDueDate()));
    }
    return r.done();
  }

  FunctionResult transactions(
      String name,
      List<Card> cards,
      YearMonth month,
      String category,
      String merchant,
      List<List<Transaction>> perCard) {
    Result r = new Result(name);
    String what =
        (merchant != null ? " at " + merchant : "") + (category != null ? " on " + category : "");
    for (int i = 0; i < cards.size(); i++) {
      Card c = cards.get(i);
      List<Transaction> txs = perCard.get(i);
      Money total = money(SpendingMath.total(txs), c);
      Map<String, Object> d = r.card(c, cards);
      d.put("month", month.toString());
      d.put("total", format(total));
      d.put("count", txs.size());
      d.put("transactions", txs.stream().limit(LISTED).map(FunctionTemplates::row).toList());
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

  FunctionResult byCategory(
      String name, List<Card> cards, YearMonth month, List<List<Transaction>> perCard) {
    Result r = new Result(name);
    for (int i = 0; i < cards.size(); i++) {
      Card c = cards.get(i);
      Map<String, Object> d = r.card(c, cards);
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

  FunctionResult compare(
      String name,
      List<Card> cards,
      YearMonth month,
      YearMonth earlier,
      BiFunction<Card, YearMonth, List<Transaction>> spendingIn) {
    Result r = new Result(name);
    for (Card c : cards) {
      List<Transaction> now = spendingIn.apply(c, month);
      List<Transaction> then = spendingIn.apply(c, earlier);
      Money a = money(SpendingMath.total(now), c);
      Money b = money(SpendingMath.total(then), c);
      Money diff = money(a.getAmountMinor() - b.getAmountMinor(), c);
      Map<String, Object> d = r.card(c, cards);
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

  FunctionResult unusual(
      String name, List<Card> cards, YearMonth month, List<List<SpendingMath.Flag>> perCard) {
    Result r = new Result(name);
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
      Map<String, Object> d = r.card(c, cards);
      d.put("month", month.toString());
      d.put("unusual_charges", rows);
      r.parts.add(
          phrases.isEmpty()
              ? "nothing looks unusual in " + month + on(c, cards)
              : "unusual charges in " + month + on(c, cards) + ": " + String.join("; ", phrases));
    }
    return r.done();
  }

  private static Map<String, Object> row(Transaction t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("merchant", t.getMerchant().getName());
    m.put("category", SpendingMath.categoryOf(t));
    m.put("amount", format(t.getAmount()));
    m.put("posted_at", java.time.Instant.ofEpochSecond(t.getPostedAt().getSeconds()).toString());
    return m;
  }

  private static CitedFigure spent(
      String label, Money m, Card c, YearMonth month, List<Transaction> txs) {
    TimeRange p = period(month);
    return figure(
        label, m, c.getId(), FigureSourceKind.FIGURE_SOURCE_KIND_TRANSACTIONS, p, txs.size());
  }

  private static CitedFigure point(String label, Money m, Card c) {
    return figure(label, m, c.getId(), FigureSourceKind.FIGURE_SOURCE_KIND_BALANCE, null, 0);
  }

  private static Money money(long minor, Card c) {
    return Money.newBuilder()
        .setAmountMinor(minor)
        .setCurrency(c.getCreditLimit().getCurrency())
        .build();
  }

  private static Money negate(Money m) {
    return m.toBuilder().setAmountMinor(-m.getAmountMinor()).build();
  }

  private static String date(LocalDate d) {
    return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
  }

  private static String suffix(Card c, List<Card> cards) {
    return cards.size() > 1 ? " (card …" + c.getId().substring(c.getId().length() - 4) + ")" : "";
  }

  private static String on(Card c, List<Card> cards) {
    return cards.size() > 1 ? " on card …" + c.getId().substring(c.getId().length() - 4) : "";
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Collects one function's result over the cards. */
  private static final class Result {
    final String name;
    final List<Map<String, Object>> cards = new ArrayList<>();
    final List<CitedFigure> figures = new ArrayList<>();
    final List<String> parts = new ArrayList<>();

    Result(String name) {
      this.name = name;
    }

    Map<String, Object> card(Card c, List<Card> all) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("card_id", c.getId());
      cards.add(d);
      return d;
    }

    FunctionResult done() {
      String text = String.join("; ", parts);
      return new FunctionResult(
          name,
          Map.of("cards", cards),
          List.copyOf(figures),
          Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".",
          false);
    }
  }
}
