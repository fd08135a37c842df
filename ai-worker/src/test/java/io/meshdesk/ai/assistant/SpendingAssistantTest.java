package io.meshdesk.ai.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Timestamp;
import io.grpc.BindableService;
import io.meshdesk.api.ai.v1.AskSpendingRequest;
import io.meshdesk.api.ai.v1.AskSpendingResponse;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.api.ai.v1.CitedFigure;
import io.meshdesk.api.ai.v1.FigureSourceKind;
import io.meshdesk.api.common.v1.LocalDate;
import io.meshdesk.api.common.v1.Money;
import io.meshdesk.api.ledger.v1.Balance;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.Merchant;
import io.meshdesk.api.ledger.v1.Transaction;
import io.meshdesk.api.ledger.v1.TransactionType;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link SpendingQuestion} parsing and {@link SpendingAssistant} answers over an in-test {@link
 * Ledger} with known transactions, plus one round trip through {@link AssistantGrpcService}.
 */
class SpendingAssistantTest {

  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private static final UUID HOLDER = UUID.randomUUID();
  private static final UUID CARD = UUID.randomUUID();
  private static final UUID OTHER_HOLDER = UUID.randomUUID();
  private static final UUID OTHER_CARD = UUID.randomUUID();

  private final KnownLedger ledger = new KnownLedger();
  private final SpendingAssistant assistant = new SpendingAssistant(ledger, CLOCK);

  @Test
  void parsesTotalSpentThisMonth() {
    assertThat(SpendingQuestion.parse("How much did I spend this month?", NOVEMBER))
        .isEqualTo(new SpendingQuestion(SpendingQuestion.Intent.TOTAL_SPENT, NOVEMBER, ""));
  }

  @Test
  void parsesMerchantAndLastMonth() {
    assertThat(
            SpendingQuestion.parse(
                "How much did I spend at Blue Bottle Coffee last month?", NOVEMBER))
        .isEqualTo(
            new SpendingQuestion(
                SpendingQuestion.Intent.BY_MERCHANT, YearMonth.of(2026, 10), "blue bottle coffee"));
  }

  @Test
  void parsesLargestPurchaseInANamedMonth() {
    assertThat(SpendingQuestion.parse("What was my biggest purchase in October?", NOVEMBER))
        .isEqualTo(
            new SpendingQuestion(
                SpendingQuestion.Intent.LARGEST_PURCHASE, YearMonth.of(2026, 10), ""));
  }

  @Test
  void parsesAFutureMonthNameAsLastYear() {
    assertThat(SpendingQuestion.parse("What did I spend in December?", NOVEMBER).month())
        .isEqualTo(YearMonth.of(2025, 12));
  }

  @Test
  void parsesBalanceAndDueDate() {
    assertThat(SpendingQuestion.parse("What's my balance?", NOVEMBER).intent())
        .isEqualTo(SpendingQuestion.Intent.BALANCE);
    assertThat(SpendingQuestion.parse("How much credit left do I have?", NOVEMBER).intent())
        .isEqualTo(SpendingQuestion.Intent.BALANCE);
    assertThat(SpendingQuestion.parse("When is my payment due?", NOVEMBER).intent())
        .isEqualTo(SpendingQuestion.Intent.DUE_DATE);
  }

  @Test
  void spendingCategoriesAreNotMistakenForMerchants() {
    assertThat(SpendingQuestion.parse("How much did I spend on groceries?", NOVEMBER).intent())
        .isEqualTo(SpendingQuestion.Intent.TOTAL_SPENT);
  }

  @Test
  void totalThisMonthIsPurchasesMinusRefundsIgnoringPaymentsAndOtherMonths() {
    SpendingAnswer a = assistant.ask("tok", HOLDER, "How much did I spend this month?", null);

    assertThat(a.text()).isEqualTo("You spent 292.50 USD in November 2026 over 4 transactions.");
    assertThat(a.drafter()).isEqualTo(SpendingAssistant.DRAFTER);
    assertThat(a.figures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getAmount()).isEqualTo(usd(29_250));
              assertThat(f.getTransactionCount()).isEqualTo(4);
              assertThat(f.getSourceKind())
                  .isEqualTo(FigureSourceKind.FIGURE_SOURCE_KIND_TRANSACTIONS);
              assertThat(f.getSourceId()).isEqualTo(CARD.toString());
              assertThat(f.getPeriod().getStartTime().getSeconds())
                  .isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
              assertThat(f.getPeriod().getEndTime().getSeconds())
                  .isEqualTo(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond());
            });
  }

  @Test
  void merchantTotalSumsOnlyThatMerchant() {
    SpendingAnswer a =
        assistant.ask(
            "tok", HOLDER, "How much did I spend at Blue Bottle Coffee this month?", null);

    assertThat(a.text())
        .isEqualTo(
            "You spent 52.50 USD at blue bottle coffee in November 2026 over 2 transactions.");
    assertThat(a.figures()).extracting(CitedFigure::getAmount).containsExactly(usd(5_250));
  }

  @Test
  void largestPurchaseNamesAmountAndMerchant() {
    assertThat(assistant.ask("tok", HOLDER, "What was my largest purchase?", null).text())
        .isEqualTo("Your largest purchase in November 2026 was 250.00 USD at Apple Store.");
    SpendingAnswer october = assistant.ask("tok", HOLDER, "Biggest purchase last month?", null);
    assertThat(october.text())
        .isEqualTo("Your largest purchase in October 2026 was 99.99 USD at Corner Grocer.");
    assertThat(october.figures()).extracting(CitedFigure::getAmount).containsExactly(usd(9_999));
  }

  @Test
  void balanceCitesPostedBalanceAndAvailableCredit() {
    SpendingAnswer a = assistant.ask("tok", HOLDER, "What's my balance?", null);

    assertThat(a.text())
        .isEqualTo("Your balance is 1234.56 USD with 3765.44 USD of credit available.");
    assertThat(a.figures())
        .extracting(CitedFigure::getLabel, CitedFigure::getAmount)
        .containsExactly(
            tuple("Current balance", usd(123_456)), tuple("Available credit", usd(376_544)));
  }

  @Test
  void dueDateCitesMinimumPayment() {
    SpendingAnswer a = assistant.ask("tok", HOLDER, "When is my payment due?", null);

    assertThat(a.text()).isEqualTo("A minimum payment of 25.00 USD is due by 2026-12-15.");
    assertThat(a.figures()).extracting(CitedFigure::getAmount).containsExactly(usd(2_500));
  }

  @Test
  void pendingPaymentsAreNamedAsNotYetCountedInBalanceAndDueDate() {
    ledger.pending = usd(1_000_000);

    assertThat(assistant.ask("tok", HOLDER, "What's my balance?", null).text())
        .isEqualTo(
            "Your balance is 1234.56 USD"
                + " with 3765.44 USD of credit available (10000.00 USD of payments pending settlement not yet counted).");
    assertThat(assistant.ask("tok", HOLDER, "When is my payment due?", null).text())
        .isEqualTo(
            "A minimum payment of"
                + " 25.00 USD is due by 2026-12-15 (10000.00 USD of payments pending settlement not yet counted).");
  }

  @Test
  void callerWithoutCardsIsToldSo() {
    assertThat(assistant.ask("tok", UUID.randomUUID(), "What's my balance?", null).text())
        .isEqualTo("You have no cards to ask about.");
  }

  @Test
  void grpcAnswersWithTheCallersCardsAndForwardsTheirToken() {
    TestTokens tokens = new TestTokens();
    String token = tokens.user(UUID.randomUUID(), HOLDER, Role.CUSTOMER);
    AssistantGrpcService service = new AssistantGrpcService(assistant, null);
    BindableService withTokenKeeper = service::definition;
    try (InProcessGrpc grpc =
        InProcessGrpc.start(List.of(withTokenKeeper), List.of(tokens.interceptor()))) {
      AskSpendingResponse r =
          AssistantServiceGrpc.newBlockingStub(grpc.channel())
              .withCallCredentials(TestTokens.bearer(token))
              .askSpending(
                  AskSpendingRequest.newBuilder()
                      .setQuestion("How much did I spend this month?")
                      .build());

      assertThat(r.getAnswer())
          .isEqualTo("You spent 292.50 USD in November 2026 over 4 transactions.");
      assertThat(r.getFiguresList())
          .extracting(CitedFigure::getAmount)
          .containsExactly(usd(29_250));
      assertThat(r.getDrafter()).isEqualTo(SpendingAssistant.DRAFTER);
      assertThat(ledger.tokens).isNotEmpty().containsOnly(token);
    }
  }

  private static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrency("USD").build();
  }

  /**
   * A ledger with two cardholders' cards and fixed transactions, recording the tokens it is given.
   */
  private static final class KnownLedger implements Ledger {

    final List<String> tokens = new CopyOnWriteArrayList<>();

    /** Payments pending settlement on every card; null for none. */
    volatile Money pending;

    private final Map<UUID, Card> cards =
        Map.of(CARD, card(CARD, HOLDER), OTHER_CARD, card(OTHER_CARD, OTHER_HOLDER));
    private final List<Transaction> txns =
        List.of(
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_PURCHASE,
                1_250,
                "Blue Bottle Coffee",
                "2026-11-02T08:00:00Z"),
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_PURCHASE,
                25_000,
                "Apple Store",
                "2026-11-05T15:00:00Z"),
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_PURCHASE,
                4_000,
                "Blue Bottle Coffee",
                "2026-11-20T09:30:00Z"),
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_REFUND,
                -1_000,
                "Apple Store",
                "2026-11-21T10:00:00Z"),
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_PAYMENT,
                -10_000,
                "",
                "2026-11-22T10:00:00Z"),
            txn(
                CARD,
                TransactionType.TRANSACTION_TYPE_PURCHASE,
                9_999,
                "Corner Grocer",
                "2026-10-30T18:00:00Z"),
            txn(
                OTHER_CARD,
                TransactionType.TRANSACTION_TYPE_PURCHASE,
                777_700,
                "Apple Store",
                "2026-11-03T12:00:00Z"));

    @Override
    public List<Card> cardsOf(String token, UUID holder) {
      tokens.add(token);
      return cards.values().stream()
          .filter(c -> c.getHolderUserId().equals(holder.toString()))
          .toList();
    }

    @Override
    public Card card(String token, UUID cardId) {
      tokens.add(token);
      Card c = cards.get(cardId);
      if (c == null) {
        throw new NotFoundException("card " + cardId);
      }
      return c;
    }

    @Override
    public Balance balance(String token, UUID cardId) {
      tokens.add(token);
      return Balance.newBuilder()
          .setCardId(cardId.toString())
          .setCreditLimit(usd(500_000))
          .setPostedBalance(usd(123_456))
          .setAvailableCredit(usd(376_544))
          .setMinimumPaymentDue(usd(2_500))
          .setPaymentDueDate(LocalDate.newBuilder().setYear(2026).setMonth(12).setDay(15))
          .setPendingPayments(pending == null ? usd(0) : pending)
          .setPendingPaymentCount(pending == null ? 0 : 1)
          .build();
    }

    @Override
    public List<Transaction> transactions(String token, UUID cardId, Instant from, Instant to) {
      tokens.add(token);
      return txns.stream()
          .filter(t -> t.getCardId().equals(cardId.toString()))
          .filter(
              t -> {
                Instant at = Instant.ofEpochSecond(t.getPostedAt().getSeconds());
                return !at.isBefore(from) && at.isBefore(to);
              })
          .toList();
    }

    @Override
    public List<io.meshdesk.api.ledger.v1.Statement> statements(
        String token, UUID cardId, int limit) {
      tokens.add(token);
      return List.of();
    }

    private static Card card(UUID id, UUID holder) {
      return Card.newBuilder()
          .setId(id.toString())
          .setHolderUserId(holder.toString())
          .setCreditLimit(usd(500_000))
          .build();
    }

    private static Transaction txn(
        UUID card, TransactionType type, long minor, String merchant, String postedAt) {
      Transaction.Builder b =
          Transaction.newBuilder()
              .setId(UUID.randomUUID().toString())
              .setCardId(card.toString())
              .setType(type)
              .setAmount(usd(minor))
              .setPostedAt(
                  Timestamp.newBuilder().setSeconds(Instant.parse(postedAt).getEpochSecond()));
      if (!merchant.isEmpty()) {
        b.setMerchant(Merchant.newBuilder().setName(merchant));
      }
      return b.build();
    }
  }
}
