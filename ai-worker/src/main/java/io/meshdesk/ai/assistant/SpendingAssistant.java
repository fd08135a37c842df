package io.meshdesk.ai.assistant;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.ai.v1.CitedFigure;
import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.TransactionType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Answers spending questions from the caller's own cards: figures are computed exactly from ledger
 * data read with the caller's token (purchases minus refunds, in minor units), then phrased by
 * rules. Months are UTC calendar months.
 */
public final class SpendingAssistant {

  /** Name recorded as the phrasing drafter. */
  public static final String DRAFTER = "offline";

  private final Ledger ledger;
  private final Clock clock;

  public SpendingAssistant(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /**
   * Answers {@code question} about {@code cardId}, or about all cards {@code caller} holds when
   * null.
   *
   * @param token the caller's bearer token, forwarded to the ledger
   */
  public SpendingAnswer ask(String token, UUID caller, String question, UUID cardId) {
    YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
    SpendingQuestion q = SpendingQuestion.parse(question, now);
    List<Card> cards =
        cardId != null ? List.of(ledger.card(token, cardId)) : ledger.cardsOf(token, caller);
    if (cards.isEmpty()) {
      return new SpendingAnswer("You have no cards to ask about.", List.of(), DRAFTER);
    }
    return switch (q.intent()) {
      case BALANCE -> balance(token, cards);
      case DUE_DATE -> dueDate(token, cards);
      default -> spending(token, cards, q);
    };
  }

  private SpendingAnswer spending(String token, List<Card> cards, SpendingQuestion q) {
    Instant from = q.month().atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = q.month().plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    String monthName =
        q.month().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + " "
            + q.month().getYear();
    List<CitedFigure> figures = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Card card : cards) {
      String currency = card.getCreditLimit().getCurrency();
      long total = 0;
      int count = 0;
      Transaction largest = null;
      for (Transaction t : ledger.transactions(token, UUID.fromString(card.getId()), from, to)) {
        boolean purchase = t.getType() == TransactionType.TRANSACTION_TYPE_PURCHASE;
        boolean refund = t.getType() == TransactionType.TRANSACTION_TYPE_REFUND;
        if (!(purchase || refund)
            || (q.intent() == SpendingQuestion.Intent.BY_MERCHANT
                && !t.getMerchant().getName().toLowerCase(Locale.ROOT).contains(q.merchant()))) {
          continue;
        }
        total += t.getAmount().getAmountMinor(); // signed: refunds are already negative
        count++;
        if (purchase
            && (largest == null
                || t.getAmount().getAmountMinor() > largest.getAmount().getAmountMinor())) {
          largest = t;
        }
      }
      String suffix =
          cards.size() > 1
              ? " (card …" + card.getId().substring(card.getId().length() - 4) + ")"
              : "";
      TimeRange period =
          TimeRange.newBuilder().setStartTime(timestamp(from)).setEndTime(timestamp(to)).build();
      if (q.intent() == SpendingQuestion.Intent.LARGEST_PURCHASE) {
        if (largest == null) {
          parts.add("no purchases in " + monthName + suffix);
          continue;
        }
        figures.add(
            figure(
                "Largest purchase in " + monthName + suffix,
                largest.getAmount(),
                card.getId(),
                period,
                1));
        parts.add(
            "your largest purchase in "
                + monthName
                + suffix
                + " was "
                + format(largest.getAmount())
                + " at "
                + largest.getMerchant().getName());
      } else {
        Money m = Money.newBuilder().setAmountMinor(total).setCurrency(currency).build();
        String what =
            q.intent() == SpendingQuestion.Intent.BY_MERCHANT ? "at " + q.merchant() + " " : "";
        figures.add(
            figure("Spent " + what + "in " + monthName + suffix, m, card.getId(), period, count));
        parts.add(
            "you spent "
                + format(m)
                + " "
                + what
                + "in "
                + monthName
                + suffix
                + " over "
                + count
                + " transaction"
                + (count == 1 ? "" : "s"));
      }
    }
    return new SpendingAnswer(capitalize(String.join("; ", parts)) + ".", figures, DRAFTER);
  }

  private SpendingAnswer balance(String token, List<Card> cards) {
    List<CitedFigure> figures = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Card card : cards) {
      Balance b = ledger.balance(token, UUID.fromString(card.getId()));
      figures.add(point("Current balance", b.getPostedBalance(), card.getId()));
      figures.add(point("Available credit", b.getAvailableCredit(), card.getId()));
      parts.add(
          "your balance is "
              + format(b.getPostedBalance())
              + " with "
              + format(b.getAvailableCredit())
              + " of credit available"
              + (cards.size() > 1
                  ? " on card …" + card.getId().substring(card.getId().length() - 4)
                  : "")
              + pending(b));
    }
    return new SpendingAnswer(capitalize(String.join("; ", parts)) + ".", figures, DRAFTER);
  }

  private SpendingAnswer dueDate(String token, List<Card> cards) {
    List<CitedFigure> figures = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (Card card : cards) {
      Balance b = ledger.balance(token, UUID.fromString(card.getId()));
      if (!b.hasPaymentDueDate()) {
        parts.add(
            "no payment is due yet"
                + (cards.size() > 1
                    ? " on card …" + card.getId().substring(card.getId().length() - 4)
                    : ""));
        continue;
      }
      figures.add(point("Minimum payment due", b.getMinimumPaymentDue(), card.getId()));
      var d = b.getPaymentDueDate();
      parts.add(
          String.format(
                  Locale.ROOT,
                  "a minimum payment of %s is due by %04d-%02d-%02d",
                  format(b.getMinimumPaymentDue()),
                  d.getYear(),
                  d.getMonth(),
                  d.getDay())
              + pending(b));
    }
    return new SpendingAnswer(capitalize(String.join("; ", parts)) + ".", figures, DRAFTER);
  }

  /**
   * Payments still pending settlement count toward nothing yet; say so rather than let them look
   * paid.
   */
  private static String pending(Balance b) {
    return b.getPendingPaymentCount() == 0
        ? ""
        : " ("
            + format(b.getPendingPayments())
            + " of payments pending settlement not yet counted)";
  }

  private static CitedFigure figure(
      String label, Money m, String cardId, TimeRange period, int count) {
    return CitedFigure.newBuilder()
        .setLabel(label)
        .setAmount(m)
        .setSourceKind(FigureSourceKind.FIGURE_SOURCE_KIND_TRANSACTIONS)
        .setSourceId(cardId)
        .setPeriod(period)
        .setTransactionCount(count)
        .build();
  }

  private static CitedFigure point(String label, Money m, String cardId) {
    return CitedFigure.newBuilder()
        .setLabel(label)
        .setAmount(m)
        .setSourceKind(FigureSourceKind.FIGURE_SOURCE_KIND_BALANCE)
        .setSourceId(cardId)
        .build();
  }

  /** Minor units to "123.45 USD" (currency exponent 2 except the common zero-decimal ones). */
  static String format(Money m) {
    int digits =
        switch (m.getCurrency()) {
          case "JPY", "KRW", "VND", "CLP", "ISK" -> 0;
          default -> 2;
        };
    return BigDecimal.valueOf(m.getAmountMinor(), digits).toPlainString() + " " + m.getCurrency();
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
