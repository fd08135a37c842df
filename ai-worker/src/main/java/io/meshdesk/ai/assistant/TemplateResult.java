package io.meshdesk.ai.assistant;

import static io.meshdesk.ai.assistant.LedgerFunctions.figure;
import static io.meshdesk.ai.assistant.LedgerFunctions.period;
import static io.meshdesk.ai.assistant.SpendingAssistant.format;

import io.meshdesk.api.ai.v1.CitedFigure;
import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Transaction;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One function's {@link FunctionResult} as the templates build it over the caller's cards: the data
 * per card the model reads, the figures, and the sentences of the offline answer; plus the wording
 * and money helpers the templates share.
 */
final class TemplateResult {

  final String name;
  final List<Map<String, Object>> cards = new ArrayList<>();
  final List<CitedFigure> figures = new ArrayList<>();
  final List<String> parts = new ArrayList<>();

  TemplateResult(String name) {
    this.name = name;
  }

  /** A new data entry for card {@code c}. */
  Map<String, Object> card(Card c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("card_id", c.getId());
    cards.add(d);
    return d;
  }

  /** The result: the data, the figures and the sentences joined into one capitalised answer. */
  FunctionResult done() {
    String text = String.join("; ", parts);
    return new FunctionResult(
        name,
        Map.of("cards", cards),
        List.copyOf(figures),
        Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".",
        false);
  }

  /** A transaction as the model reads it. */
  static Map<String, Object> row(Transaction t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("merchant", t.getMerchant().getName());
    m.put("category", SpendingMath.categoryOf(t));
    m.put("amount", format(t.getAmount()));
    m.put("posted_at", Instant.ofEpochSecond(t.getPostedAt().getSeconds()).toString());
    return m;
  }

  /** A figure of spending in {@code month} over {@code txs}. */
  static CitedFigure spent(String label, Money m, Card c, YearMonth month, List<Transaction> txs) {
    return figure(
        label,
        m,
        c.getId(),
        FigureSourceKind.FIGURE_SOURCE_KIND_TRANSACTIONS,
        period(month),
        txs.size());
  }

  /** A figure read from a card's balance. */
  static CitedFigure point(String label, Money m, Card c) {
    return figure(label, m, c.getId(), FigureSourceKind.FIGURE_SOURCE_KIND_BALANCE, null, 0);
  }

  /** {@code minor} units in the card's currency. */
  static Money money(long minor, Card c) {
    return Money.newBuilder()
        .setAmountMinor(minor)
        .setCurrency(c.getCreditLimit().getCurrency())
        .build();
  }

  static Money negate(Money m) {
    return m.toBuilder().setAmountMinor(-m.getAmountMinor()).build();
  }

  static String date(LocalDate d) {
    return String.format(Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
  }

  /** " (card …1234)" when the answer covers several cards, else nothing. */
  static String suffix(Card c, List<Card> cards) {
    return cards.size() > 1 ? " (card …" + c.getId().substring(c.getId().length() - 4) + ")" : "";
  }

  /** " on card …1234" when the answer covers several cards, else nothing. */
  static String on(Card c, List<Card> cards) {
    return cards.size() > 1 ? " on card …" + c.getId().substring(c.getId().length() - 4) : "";
  }

  static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
