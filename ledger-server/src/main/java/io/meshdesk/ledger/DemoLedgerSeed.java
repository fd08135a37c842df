package io.meshdesk.ledger;

import io.meshdesk.ledger.billing.StatementService;
import io.meshdesk.ledger.cards.CardService;
import io.meshdesk.ledger.cards.ProductSpec;
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
 * happened, so statements and interest come out exactly as they would have. Idempotent: the keys
 * are derived from the tenant, so seeding twice posts nothing new.
 */
public final class DemoLedgerSeed {

  private static final List<Merchant> MERCHANTS =
      List.of(
          new Merchant("Blue Bottle Coffee", "5814", "US", "Oakland", ""),
          new Merchant("Whole Foods Market", "5411", "US", "San Francisco", ""),
          new Merchant("Delta Air Lines", "3058", "US", "Atlanta", ""),
          new Merchant("Shell", "5541", "US", "Berkeley", ""),
          new Merchant("Amazon.com", "5942", "US", "Seattle", ""));

  private final Transactions tx;
  private final Clock clock;

  public DemoLedgerSeed(DataSource dataSource, Clock clock) {
    this.tx = new Transactions(dataSource);
    this.clock = clock;
  }

  /** Seeds the tenant's demo cards for {@code holderUserId}; returns their ids. */
  public List<UUID> seed(UUID tenantId, UUID holderUserId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate start = today.minusMonths(4).withDayOfMonth(1);
    CardService cards = new CardService(tx, at(start));
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
    int[] limits = {500_000, 1_200_000, 250_000};
    int[] cycleDays = {5, 15, 25};
    for (int i = 0; i < 3; i++) {
      ids.add(
          cards
              .issue(
                  tenantId,
                  holderUserId,
                  product.id(),
                  limits[i],
                  "USD",
                  cycleDays[i],
                  "demo-" + tenantId + "-card-" + i,
                  "SYSTEM",
                  "demo-seed")
              .id());
    }
    Random random = new Random(tenantId.getMostSignificantBits());
    for (LocalDate day = start; day.isBefore(today); day = day.plusDays(1)) {
      Clock at = at(day);
      PostingEngine engine = new PostingEngine(tx, at);
      for (int i = 0; i < ids.size(); i++) {
        UUID card = ids.get(i);
        String key = "demo-" + tenantId + "-" + card + "-" + day;
        if (random.nextInt(3) == 0) {
          Merchant m = MERCHANTS.get(random.nextInt(MERCHANTS.size()));
          engine.post(
              tenantId,
              null,
              new PostingOp.Direct(
                  TxnType.PURCHASE,
                  card,
                  500 + random.nextInt(15_000),
                  "USD",
                  m,
                  null,
                  "",
                  "",
                  "",
                  key + "-p"));
        }
        if (day.getDayOfMonth() == 20 && i != 2) {
          engine.post(
              tenantId,
              null,
              new PostingOp.Direct(
                  TxnType.PAYMENT,
                  card,
                  i == 0 ? 60_000 : 10_000,
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
