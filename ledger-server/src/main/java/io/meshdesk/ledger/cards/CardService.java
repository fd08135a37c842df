package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.domain.Views;
import io.meshdesk.ledger.posting.CardState;
import io.meshdesk.ledger.posting.LedgerReads;
import io.meshdesk.ledger.statement.BillingCycle;
import io.meshdesk.ledger.statement.ProductTerms;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Card products and cards: issue, credit limits (every change recorded), status. A customer sees
 * only cards they hold; anyone else's card is "not found".
 */
public final class CardService {

  private final Transactions tx;
  private final Clock clock;

  public CardService(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** Defines a product; its name is unique in the tenant. */
  public Views.Product createProduct(UUID tenant, ProductSpec s) {
    if (!isIsoCurrency(s.currency())) {
      throw new InvalidArgumentException(
          "currency", "must be an ISO-4217 currency code, not '" + s.currency() + "'");
    }
    if (s.graceDays() > ProductTerms.MAX_GRACE_DAYS) {
      throw new InvalidArgumentException(
          "grace_days",
          "must be at most "
              + ProductTerms.MAX_GRACE_DAYS
              + " so every due date falls in the next cycle");
    }
    Views.Product p =
        new Views.Product(
            UUID.randomUUID(),
            s.name(),
            s.network(),
            s.currency(),
            s.purchaseAprBps(),
            s.cashAdvanceAprBps(),
            s.graceDays(),
            s.minPaymentFloorMinor(),
            s.minPaymentPercentBps(),
            s.lateFeeMinor(),
            now());
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into ledger.card_product (tenant_id, id, name, network,"
                      + " currency, purchase_apr_bps, cash_advance_apr_bps, grace_days, min_payment_floor_minor,"
                      + " min_payment_percent_bps, late_fee_minor, created_at) values (?,?,?,?,?,?,?,?,?,?,?,?)"
                      + " on conflict (tenant_id, name) do nothing")) {
            ps.setObject(1, tenant);
            ps.setObject(2, p.id());
            ps.setString(3, p.name());
            ps.setString(4, p.network());
            ps.setString(5, p.currency());
            ps.setInt(6, p.purchaseAprBps());
            ps.setInt(7, p.cashAdvanceAprBps());
            ps.setInt(8, p.graceDays());
            ps.setLong(9, p.minPaymentFloorMinor());
            ps.setInt(10, p.minPaymentPercentBps());
            ps.setLong(11, p.lateFeeMinor());
            ps.setTimestamp(12, Timestamp.from(p.createdAt()));
            if (ps.executeUpdate() == 0) {
              throw new AlreadyExistsException(
                  "a card product named '" + p.name() + "' already exists");
            }
          }
          return p;
        });
  }

  /** Products by name. */
  public Page<Views.Product> listProducts(UUID tenant, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.position(pageToken);
    return tx.inTenant(
        tenant,
        c -> {
          List<Views.Product> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  ProductRows.SELECT
                      + " where tenant_id = ? and name > ?"
                      + " order by name limit ?")) {
            ps.setObject(1, tenant);
            ps.setString(2, after);
            ps.setInt(3, size + 1);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(ProductRows.read(rs));
              }
            }
          }
          return Page.of(rows, size, Views.Product::name);
        });
  }

  /** One product. */
  public Views.Product product(UUID tenant, UUID productId) {
    return tx.inTenant(tenant, c -> ProductRows.find(c, tenant, productId))
        .orElseThrow(() -> new NotFoundException("no card product " + productId));
  }

  /**
   * Issues a card. A repeated idempotency key returns the card issued first.
   *
   * @param idempotencyKey empty for none
   */
  public Views.Card issue(
      UUID tenant,
      UUID holder,
      UUID productId,
      long limitMinor,
      String currency,
      int cycleDay,
      String idempotencyKey,
      String actorKind,
      String actorId) {
    return tx.inTenant(
        tenant,
        c -> {
          Views.Product product =
              ProductRows.find(c, tenant, productId)
                  .orElseThrow(() -> new NotFoundException("no card product " + productId));
          if (!product.currency().equals(currency)) {
            throw new InvalidArgumentException(
                "credit_limit.currency", "must be the product currency " + product.currency());
          }
          String key = idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey;
          Instant now = now();
          UUID id = UUID.randomUUID();
          LocalDate next =
              BillingCycle.containing(LocalDate.ofInstant(now, ZoneOffset.UTC), cycleDay)
                  .closingDate();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into ledger.card (tenant_id, id, product_id,"
                      + " holder_user_id, currency, status, credit_limit_minor, billing_cycle_day, next_statement_date, last_hash,"
                      + " issue_key, created_at, updated_at) values (?,?,?,?,?,'ACTIVE',?,?,?,?,?,?,?) on conflict do nothing")) {
            ps.setObject(1, tenant);
            ps.setObject(2, id);
            ps.setObject(3, productId);
            ps.setObject(4, holder);
            ps.setString(5, currency);
            ps.setLong(6, limitMinor);
            ps.setInt(7, cycleDay);
            ps.setObject(8, next);
            ps.setString(9, EntryHash.GENESIS);
            ps.setString(10, key);
            ps.setTimestamp(11, Timestamp.from(now));
            ps.setTimestamp(12, Timestamp.from(now));
            if (ps.executeUpdate() == 0) {
              return byIssueKey(c, tenant, key, holder, productId, limitMinor, cycleDay);
            }
          }
          LimitRows.insert(c, tenant, id, 0, limitMinor, "initial limit", actorKind, actorId, now);
          return LedgerReads.card(c, tenant, id).orElseThrow().card();
        });
  }

  private static boolean isIsoCurrency(String code) {
    try {
      return code != null && java.util.Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The card an idempotency key issued, when the retry asks for the same card; an error otherwise.
   */
  private static Views.Card byIssueKey(
      Connection c,
      UUID tenant,
      String key,
      UUID holder,
      UUID productId,
      long limitMinor,
      int cycleDay)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("select id from ledger.card where tenant_id = ? and issue_key = ?")) {
      ps.setObject(1, tenant);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new AlreadyExistsException("card id collision, retry");
        }
        Views.Card card =
            LedgerReads.card(c, tenant, rs.getObject(1, UUID.class)).orElseThrow().card();
        if (!card.holderUserId().equals(holder)
            || !card.productId().equals(productId)
            || LimitRows.initialLimit(c, tenant, card.id()) != limitMinor
            || card.billingCycleDay() != cycleDay) {
          throw new FailedPreconditionException(
              "IDEMPOTENCY_CONFLICT",
              "idempotency key '"
                  + IdempotencyScope.clientKey(key)
                  + "' already issued a different card");
        }
        return card;
      }
    }
  }

  /** One card, visible to {@code holderRestriction} when set. */
  public Views.Card card(UUID tenant, UUID holderRestriction, UUID cardId) {
    return tx.inTenant(tenant, c -> visible(c, tenant, holderRestriction, cardId).card());
  }

  /** Cards by issue time, oldest first, filtered. */
  public Page<Views.Card> listCards(
      UUID tenant,
      UUID holderRestriction,
      UUID holderFilter,
      CardStatus status,
      UUID productId,
      int pageSize,
      String pageToken) {
    return tx.inTenant(
        tenant,
        c ->
            CardRows.list(
                c,
                tenant,
                holderRestriction != null ? holderRestriction : holderFilter,
                status,
                productId,
                Page.size(pageSize),
                Page.keysetPosition(pageToken)));
  }

  /** Changes the credit limit and records the change. */
  public LimitResult updateLimit(
      UUID tenant,
      UUID cardId,
      long newLimitMinor,
      String currency,
      String reason,
      String actorKind,
      String actorId) {
    return tx.inTenant(
        tenant,
        c -> {
          CardState card = CardRows.lock(c, tenant, cardId);
          Views.Card before = card.card();
          if (!before.currency().equals(currency)) {
            throw new InvalidArgumentException(
                "new_limit.currency", "must be the card currency " + before.currency());
          }
          Instant now = now();
          CardRows.update(c, tenant, cardId, "credit_limit_minor = ?", newLimitMinor, now);
          Views.LimitChange change =
              LimitRows.insert(
                  c,
                  tenant,
                  cardId,
                  before.creditLimitMinor(),
                  newLimitMinor,
                  reason,
                  actorKind,
                  actorId,
                  now);
          return new LimitResult(LedgerReads.card(c, tenant, cardId).orElseThrow().card(), change);
        });
  }

  /** The card and the recorded limit change. */
  public record LimitResult(Views.Card card, Views.LimitChange change) {}

  /** Freezes, unfreezes or closes a card; CLOSED is final. */
  public Views.Card setStatus(UUID tenant, UUID cardId, CardStatus status) {
    return tx.inTenant(
        tenant,
        c -> {
          CardState card = CardRows.lock(c, tenant, cardId);
          CardStatus current = card.card().status();
          if (current == CardStatus.CLOSED && status != CardStatus.CLOSED) {
            throw new FailedPreconditionException(
                "CARD_CLOSED", "a closed card cannot be reopened");
          }
          if (current != status) {
            CardRows.setStatus(c, tenant, cardId, status, now());
          }
          return LedgerReads.card(c, tenant, cardId).orElseThrow().card();
        });
  }

  /** Limit changes, newest first. */
  public Page<Views.LimitChange> limitHistory(
      UUID tenant, UUID holderRestriction, UUID cardId, int pageSize, String pageToken) {
    return tx.inTenant(
        tenant,
        c -> {
          visible(c, tenant, holderRestriction, cardId);
          return LimitRows.list(
              c, tenant, cardId, Page.size(pageSize), Page.keysetPosition(pageToken));
        });
  }

  /** The card when it exists and the restriction (a customer) may see it; NOT_FOUND otherwise. */
  public static CardState visible(Connection c, UUID tenant, UUID holderRestriction, UUID cardId)
      throws SQLException {
    Optional<CardState> card = LedgerReads.card(c, tenant, cardId);
    if (card.isEmpty()
        || (holderRestriction != null && !holderRestriction.equals(card.get().holder()))) {
      throw new NotFoundException("no card " + cardId);
    }
    return card.get();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
