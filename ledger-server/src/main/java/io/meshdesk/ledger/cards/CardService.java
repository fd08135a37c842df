package io.meshdesk.ledger.cards;

import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.CardView;
import io.meshdesk.ledger.domain.EntryHash;
import io.meshdesk.ledger.domain.IdempotencyScope;
import io.meshdesk.ledger.domain.LimitChangeView;
import io.meshdesk.ledger.domain.Page;
import io.meshdesk.ledger.domain.ProductView;
import io.meshdesk.ledger.posting.CardState;
import io.meshdesk.ledger.posting.LedgerReadStore;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Card products and cards: issue, credit limits (every change recorded), status. A customer sees
 * only cards they hold; anyone else's card is "not found".
 */
public final class CardService {

  private final Transactions tx;
  private final ProductStore products;
  private final Clock clock;

  /**
   * A service over {@code tx}; {@code products} is shared by every card service of a server and
   * closed by its owner, not by this service.
   */
  public CardService(Transactions tx, ProductStore products, Clock clock) {
    this.tx = tx;
    this.products = products;
    this.clock = clock;
  }

  /** Defines a product; its name is unique in the tenant. */
  public ProductView createProduct(UUID tenant, ProductSpec s) {
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
    ProductView p =
        new ProductView(
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
    if (!tx.inTenant(tenant, c -> products.insert(c, tenant, p))) {
      throw new AlreadyExistsException("a card product named '" + p.name() + "' already exists");
    }
    return p;
  }

  /** Products by name. */
  public Page<ProductView> listProducts(UUID tenant, int pageSize, String pageToken) {
    int size = Page.size(pageSize);
    String after = Page.position(pageToken);
    return Page.of(products.list(tenant, after, size + 1), size, ProductView::name);
  }

  /** One product. */
  public ProductView product(UUID tenant, UUID productId) {
    return products
        .find(tenant, productId)
        .orElseThrow(() -> new NotFoundException("no card product " + productId));
  }

  /**
   * Issues a card. A repeated idempotency key returns the card issued first.
   *
   * @param idempotencyKey empty for none
   */
  public CardView issue(
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
          ProductView product =
              products
                  .find(c, tenant, productId)
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
          LimitStore.insert(c, tenant, id, 0, limitMinor, "initial limit", actorKind, actorId, now);
          return LedgerReadStore.card(c, tenant, id).orElseThrow().card();
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
  private static CardView byIssueKey(
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
        CardView card =
            LedgerReadStore.card(c, tenant, rs.getObject(1, UUID.class)).orElseThrow().card();
        if (!card.holderUserId().equals(holder)
            || !card.productId().equals(productId)
            || LimitStore.initialLimit(c, tenant, card.id()) != limitMinor
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
  public CardView card(UUID tenant, UUID holderRestriction, UUID cardId) {
    return tx.inTenant(tenant, c -> visible(c, tenant, holderRestriction, cardId).card());
  }

  /** Cards by issue time, oldest first, filtered. */
  public Page<CardView> listCards(
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
            CardStore.list(
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
          CardState card = CardStore.lock(c, tenant, cardId);
          CardView before = card.card();
          if (!before.currency().equals(currency)) {
            throw new InvalidArgumentException(
                "new_limit.currency", "must be the card currency " + before.currency());
          }
          Instant now = now();
          CardStore.update(c, tenant, cardId, "credit_limit_minor = ?", newLimitMinor, now);
          LimitChangeView change =
              LimitStore.insert(
                  c,
                  tenant,
                  cardId,
                  before.creditLimitMinor(),
                  newLimitMinor,
                  reason,
                  actorKind,
                  actorId,
                  now);
          return new LimitResult(
              LedgerReadStore.card(c, tenant, cardId).orElseThrow().card(), change);
        });
  }

  /** The card and the recorded limit change. */
  public record LimitResult(CardView card, LimitChangeView change) {}

  /** Freezes, unfreezes or closes a card; CLOSED is final. */
  public CardView setStatus(UUID tenant, UUID cardId, CardStatus status) {
    return tx.inTenant(
        tenant,
        c -> {
          CardState card = CardStore.lock(c, tenant, cardId);
          CardStatus current = card.card().status();
          if (current == CardStatus.CLOSED && status != CardStatus.CLOSED) {
            throw new FailedPreconditionException(
                "CARD_CLOSED", "a closed card cannot be reopened");
          }
          if (current != status) {
            CardStore.setStatus(c, tenant, cardId, status, now());
          }
          return LedgerReadStore.card(c, tenant, cardId).orElseThrow().card();
        });
  }

  /** Limit changes, newest first. */
  public Page<LimitChangeView> limitHistory(
      UUID tenant, UUID holderRestriction, UUID cardId, int pageSize, String pageToken) {
    return tx.inTenant(
        tenant,
        c -> {
          visible(c, tenant, holderRestriction, cardId);
          return LimitStore.list(
              c, tenant, cardId, Page.size(pageSize), Page.keysetPosition(pageToken));
        });
  }

  /** The card when it exists and the restriction (a customer) may see it; NOT_FOUND otherwise. */
  public static CardState visible(Connection c, UUID tenant, UUID holderRestriction, UUID cardId)
      throws SQLException {
    Optional<CardState> card = LedgerReadStore.card(c, tenant, cardId);
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
