package io.meshdesk.cli.demo;

import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
import io.meshdesk.ledger.cards.ProductStore;
import io.meshdesk.ledger.domain.Merchant;
import io.meshdesk.ledger.domain.PostingOp;
import io.meshdesk.ledger.domain.ProductView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.posting.PostingEngine;
import io.meshdesk.platform.db.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Demo data for {@code meshctl dev}: a product and three cards of one holder with about four months
 * of purchases, payments and closed statements. Each step runs on a clock set to the day it
 * happened, so statements and interest come out exactly as they would have. Purchases keep each
 * card's spending at most half its credit limit and every card is paid down monthly, so interest
 * and fees never take a card over its limit. Idempotent: the keys are derived from the tenant, so
 * seeding twice posts nothing new.
 */
public final class DemoLedgerSeed {

  private static final List<Merchant> MERCHANTS =
      List.of(
          new Merchant("Blue Bottle Coffee", "5814", "US", "Oakland", ""),
          new Merchant("Whole Foods Market", "5411", "US", "San Francisco", ""),
          new Merchant("Delta Air Lines", "3058", "US", "Atlanta", ""),
          new Merchant("Shell", "5541", "US", "Berkeley", ""),
          new Merchant("Amazon.com", "5942", "US", "Seattle", ""));

  private static final long[] LIMITS = {500_000, 1_200_000, 250_000};
  private static final int[] CYCLE_DAYS = {5, 15, 25};
  private static final long[] MONTHLY_PAYMENTS = {60_000, 10_000, 40_000};

  private final Transactions tx;
  private final Clock clock;

  /** A seed writing through {@code dataSource} (the ledger's role) as of {@code clock}. */
  public DemoLedgerSeed(DataSource dataSource, Clock clock) {
    this.tx = new Transactions(dataSource);
    this.clock = clock;
  }

  /** Seeds the tenant's demo cards for {@code holderUserId}; returns their ids. */
  public List<UUID> seed(UUID tenantId, UUID holderUserId) {
    try (ProductStore products = new ProductStore(tx.dataSource())) {
      return seed(tenantId, holderUserId, new CardService(tx, products, at(startDay())));
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private LocalDate startDay() {
    return today().minusMonths(4).withDayOfMonth(1);
  }

  private List<UUID> seed(UUID tenantId, UUID holderUserId, CardService cards) {
    LocalDate today = today();
    LocalDate start = startDay();
    ProductView product;
    try {
      product =
          cards.createProduct(
              tenantId,
              new ProductSpec(
                  "Meshdesk Rewards Visa", "VISA", "USD", 1999, 2599, 25, 2_500, 100, 3_900));
    } catch (io.meshdesk.platform.errors.AlreadyExistsException e) {
      product =
          cards.listProducts(tenantId, 100, "").items().stream()
              .filter(p -> p.name().equals("Meshdesk Rewards Visa"))
              .findFirst()
              .orElseThrow();
    }
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < LIMITS.length; i++) {
      ids.add(
          cards
              .issue(
                  tenantId,
                  holderUserId,
                  product.id(),
                  LIMITS[i],
                  "USD",
                  CYCLE_DAYS[i],
                  "demo-" + tenantId + "-card-" + i,
                  "SYSTEM",
                  "demo-seed")
              .id());
    }
    Random random = new Random(tenantId.getMostSignificantBits());
    // Purchases and payments posted so far per card: interest and fees come on top of this.
    long[] spent = new long[ids.size()];
    for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
      Clock at = at(day);
      PostingEngine engine = new PostingEngine(tx, at);
      for (int i = 0; i < ids.size(); i++) {
        UUID card = ids.get(i);
        String key = "demo-" + tenantId + "-" + card + "-" + day;
        long amount = 500 + random.nextInt(15_000);
        if (random.nextInt(3) == 0 && spent[i] + amount <= LIMITS[i] / 2) {
          Merchant m = MERCHANTS.get(random.nextInt(MERCHANTS.size()));
          spent[i] += amount;
          engine.post(
              tenantId,
              null,
              new PostingOp.Direct(
                  TxnType.PURCHASE, card, amount, "USD", m, null, "", "", "", key + "-p"));
        }
        long payment = Math.min(MONTHLY_PAYMENTS[i], spent[i]);
        if (day.getDayOfMonth() == 20 && payment > 0) {
          spent[i] -= payment;
          engine.post(
              tenantId,
              null,
              new PostingOp.Direct(
                  TxnType.PAYMENT,
                  card,
                  payment,
                  "USD",
                  Merchant.NONE,
                  null,
                  "",
                  "",
                  "ACH " + day,
                  key + "-pay"));
        }
      }
      new StatementService(tx, at).closeDueCycles(tenantId, day);
    }
    new StatementService(tx, clock).closeDueCycles(tenantId, today);
    duplicateCharge(tenantId, ids.getFirst(), today.minusDays(1));
    return ids;
  }

  /** A subscription charged twice three minutes apart: the demo's flagged unusual charge. */
  private void duplicateCharge(UUID tenantId, UUID card, LocalDate day) {
    Merchant streamflix = new Merchant("STREAMFLIX", "4899", "US", "Los Gatos", "");
    for (int i = 0; i < 2; i++) {
      Instant at = day.atTime(20, 3 * i).toInstant(ZoneOffset.UTC);
      new PostingEngine(tx, Clock.fixed(at, ZoneOffset.UTC))
          .post(
              tenantId,
              null,
              new PostingOp.Direct(
                  TxnType.PURCHASE,
                  card,
                  4_999,
                  "USD",
                  streamflix,
                  null,
                  "",
                  "",
                  "",
                  "demo-" + tenantId + "-streamflix-" + i));
    }
  }

  private static Clock at(LocalDate day) {
    return Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
  }

  /** When the seed data was generated relative to (for logs). */
  public Instant now() {
    return clock.instant();
  }
}
