package io.meshdesk.ai.assistant;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.api.ai.v1.CitedFigure;
import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.common.v1.TimeRange;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.platform.ledger.MerchantCategories;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ledger functions the assistant answers from: balance, transactions, statements, spending by
 * category, a month-to-month comparison and unusual charges. Each reads the ledger with the
 * caller's own token, so a card the caller may not read is refused by the ledger itself and comes
 * back as a {@link FunctionResult#refusal}. Months are UTC calendar months ({@code YYYY-MM}).
 */
public final class LedgerFunctions {

  /** Function names, as declared to the model. */
  public static final String BALANCE = "get_balance",
      TRANSACTIONS = "list_transactions",
      STATEMENTS = "list_statements",
      BY_CATEGORY = "spending_by_category",
      COMPARE = "compare_months",
      UNUSUAL = "unusual_charges";

  /** Every function name. */
  public static final List<String> NAMES =
      List.of(BALANCE, TRANSACTIONS, STATEMENTS, BY_CATEGORY, COMPARE, UNUSUAL);

  /** Who calls, with which token, and the card a call without {@code card_id} is about. */
  public record Caller(String token, UUID user, UUID defaultCard) {}

  private final Ledger ledger;
  private final Clock clock;

  public LedgerFunctions(Ledger ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The current UTC month. */
  public YearMonth thisMonth() {
    return YearMonth.now(clock.withZone(ZoneOffset.UTC));
  }

  /**
   * Runs function {@code name} with {@code args} ({@code card_id}, {@code month}, {@code
   * compare_to}, {@code category}, {@code merchant}; all optional).
   */
  public FunctionResult call(Caller caller, String name, Map<String, Object> args) {
    try {
      List<Card> cards = cards(caller, text(args, "card_id"));
      if (cards.isEmpty()) {
        return FunctionResult.refusal(name, "you have no cards");
      }
      YearMonth month = month(args, "month", thisMonth());
      return switch (name) {
        case BALANCE ->
            AccountTemplates.balance(name, cards, c -> ledger.balance(caller.token(), c));
        case STATEMENTS ->
            AccountTemplates.statements(name, cards, c -> ledger.statements(caller.token(), c, 3));
        case TRANSACTIONS, BY_CATEGORY -> spending(caller, name, cards, month, args);
        case COMPARE ->
            SpendingTemplates.compare(
                name,
                cards,
                month,
                month(args, "compare_to", month.minusMonths(1)),
                (c, m) -> spendingOf(caller, c, m, null, null));
        case UNUSUAL -> unusual(caller, name, cards, month);
        default -> FunctionResult.refusal(name, "there is no function " + name);
      };
    } catch (NotFoundException | PermissionDeniedException e) {
      return FunctionResult.refusal(name, "that card is not one of yours");
    } catch (IllegalArgumentException e) {
      return FunctionResult.refusal(name, e.getMessage());
    }
  }

  private FunctionResult spending(
      Caller caller, String name, List<Card> cards, YearMonth month, Map<String, Object> args) {
    String category = MerchantCategories.named(text(args, "category"));
    String merchant = text(args, "merchant");
    if (text(args, "category") != null && category == null) {
      throw new IllegalArgumentException(
          "category must be one of " + String.join(", ", MerchantCategories.ALL));
    }
    List<List<Transaction>> perCard = new ArrayList<>();
    for (Card c : cards) {
      perCard.add(spendingOf(caller, c, month, category, merchant));
    }
    return name.equals(BY_CATEGORY)
        ? SpendingTemplates.byCategory(name, cards, month, perCard)
        : SpendingTemplates.transactions(name, cards, month, category, merchant, perCard);
  }

  private FunctionResult unusual(Caller caller, String name, List<Card> cards, YearMonth month) {
    List<List<SpendingMath.Flag>> perCard = new ArrayList<>();
    for (Card c : cards) {
      UUID id = UUID.fromString(c.getId());
      List<Transaction> history =
          ledger.transactions(caller.token(), id, start(month.minusMonths(3)), start(month));
      List<Transaction> period =
          ledger.transactions(caller.token(), id, start(month), start(month.plusMonths(1)));
      perCard.add(SpendingMath.unusual(period, history));
    }
    return SpendingTemplates.unusual(name, cards, month, perCard);
  }

  private List<Transaction> spendingOf(
      Caller caller, Card c, YearMonth month, String category, String merchant) {
    return SpendingMath.spending(
        ledger.transactions(
            caller.token(), UUID.fromString(c.getId()), start(month), start(month.plusMonths(1))),
        category,
        merchant);
  }

  private List<Card> cards(Caller caller, String cardArg) {
    if (cardArg != null) {
      UUID id;
      try {
        id = UUID.fromString(cardArg);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("card_id must be a card id (UUID)");
      }
      return List.of(ledger.card(caller.token(), id));
    }
    return caller.defaultCard() != null
        ? List.of(ledger.card(caller.token(), caller.defaultCard()))
        : ledger.cardsOf(caller.token(), caller.user());
  }

  /** First instant of {@code m} (UTC). */
  static Instant start(YearMonth m) {
    return m.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  /** The period of month {@code m} as a contract time range. */
  static TimeRange period(YearMonth m) {
    return TimeRange.newBuilder()
        .setStartTime(timestamp(start(m)))
        .setEndTime(timestamp(start(m.plusMonths(1))))
        .build();
  }

  /** A figure read from the ledger. */
  static CitedFigure figure(
      String label, Money m, String cardId, FigureSourceKind kind, TimeRange period, int count) {
    CitedFigure.Builder b =
        CitedFigure.newBuilder()
            .setLabel(label)
            .setAmount(m)
            .setSourceKind(kind)
            .setSourceId(cardId)
            .setTransactionCount(count);
    if (period != null) {
      b.setPeriod(period);
    }
    return b.build();
  }

  private static YearMonth month(Map<String, Object> args, String key, YearMonth fallback) {
    String v = text(args, key);
    if (v == null) {
      return fallback;
    }
    try {
      return YearMonth.parse(v.length() > 7 ? v.substring(0, 7) : v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be a month as YYYY-MM, got '" + v + "'");
    }
  }

  private static String text(Map<String, Object> args, String key) {
    Object v = args == null ? null : args.get(key);
    return v == null || v.toString().isBlank() ? null : v.toString().strip();
  }
}
