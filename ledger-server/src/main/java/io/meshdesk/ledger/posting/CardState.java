package io.meshdesk.ledger.posting;

import io.meshdesk.ledger.domain.BalanceView;
import io.meshdesk.ledger.domain.CardStatus;
import io.meshdesk.ledger.domain.CardView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A locked card row, mutated in memory while a batch applies and written back once. Only code that
 * holds the row lock ({@code select ... for update}) creates one.
 */
public final class CardState {

  /** Columns {@link #read} expects, in a {@code select} list over {@code ledger.card c}. */
  public static final String COLUMNS =
      "c.id, c.product_id, c.holder_user_id, c.currency, c.status, c.credit_limit_minor, c.billing_cycle_day,"
          + " c.next_statement_date, c.balance_minor, c.open_holds_minor, c.open_hold_count, c.next_hold_expiry,"
          + " c.last_sequence, c.last_hash, c.last_statement_balance_minor, c.last_minimum_payment_minor,"
          + " c.last_due_date, c.paid_since_statement_minor, c.created_at, c.updated_at, c.closed_at";

  final UUID id;
  final UUID productId;
  final UUID holder;
  final String currency;
  CardStatus status;
  long limit;
  final int cycleDay;
  final LocalDate nextStatementDate;
  long balance;
  long openHolds;
  int openHoldCount;
  Instant nextHoldExpiry;
  long lastSequence;
  String lastHash;
  final long lastStatementBalance;
  final long lastMinimumPayment;
  final LocalDate lastDueDate;
  long paidSinceStatement;
  final Instant createdAt;
  Instant updatedAt;
  final Instant closedAt;
  boolean dirty;

  private CardState(ResultSet rs) throws SQLException {
    id = rs.getObject(1, UUID.class);
    productId = rs.getObject(2, UUID.class);
    holder = rs.getObject(3, UUID.class);
    currency = rs.getString(4);
    status = CardStatus.valueOf(rs.getString(5));
    limit = rs.getLong(6);
    cycleDay = rs.getInt(7);
    nextStatementDate = rs.getObject(8, LocalDate.class);
    balance = rs.getLong(9);
    openHolds = rs.getLong(10);
    openHoldCount = rs.getInt(11);
    nextHoldExpiry = instant(rs.getTimestamp(12));
    lastSequence = rs.getLong(13);
    lastHash = rs.getString(14);
    lastStatementBalance = rs.getLong(15);
    lastMinimumPayment = rs.getLong(16);
    lastDueDate = rs.getObject(17, LocalDate.class);
    paidSinceStatement = rs.getLong(18);
    createdAt = instant(rs.getTimestamp(19));
    updatedAt = instant(rs.getTimestamp(20));
    closedAt = instant(rs.getTimestamp(21));
  }

  private CardState(
      UUID id,
      UUID holder,
      String currency,
      CardStatus status,
      long limit,
      long balance,
      LocalDate nextStatementDate,
      Instant createdAt) {
    this.id = id;
    this.productId = null;
    this.holder = holder;
    this.currency = currency;
    this.status = status;
    this.limit = limit;
    this.cycleDay = nextStatementDate.getDayOfMonth();
    this.nextStatementDate = nextStatementDate;
    this.balance = balance;
    this.lastHash = null;
    this.lastStatementBalance = 0;
    this.lastMinimumPayment = 0;
    this.lastDueDate = null;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.closedAt = null;
  }

  /**
   * A card with no holds, journal or statement yet, as a freshly opened card row reads; for rules
   * exercised without a database.
   */
  static CardState of(
      UUID id,
      UUID holder,
      String currency,
      CardStatus status,
      long limit,
      long balance,
      LocalDate nextStatementDate,
      Instant createdAt) {
    return new CardState(
        id, holder, currency, status, limit, balance, nextStatementDate, createdAt);
  }

  /** Reads the row at the cursor (columns as in {@link #COLUMNS}). */
  public static CardState read(ResultSet rs) throws SQLException {
    return new CardState(rs);
  }

  static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }

  /** The card id. */
  public UUID id() {
    return id;
  }

  /** The card's product. */
  public UUID productId() {
    return productId;
  }

  /** Close date of the open billing cycle. */
  public LocalDate nextStatementDate() {
    return nextStatementDate;
  }

  /** The card currency. */
  public String currency() {
    return currency;
  }

  /** The posted balance. */
  public long postedBalance() {
    return balance;
  }

  /** The credit limit. */
  public long creditLimit() {
    return limit;
  }

  /** Sum of open holds. */
  public long openHolds() {
    return openHolds;
  }

  /** The cardholder. */
  public UUID holder() {
    return holder;
  }

  /** Credit limit minus balance minus open holds. */
  public long available() {
    return limit - balance - openHolds;
  }

  /** The card as a read model. */
  public CardView card() {
    return new CardView(
        id,
        productId,
        holder,
        currency.trim(),
        status,
        limit,
        cycleDay,
        nextStatementDate,
        createdAt,
        updatedAt,
        closedAt);
  }

  /** The balance as a read model, as of {@code now}. */
  public BalanceView balance(Instant now) {
    return new BalanceView(
        id,
        status,
        currency.trim(),
        limit,
        balance,
        openHolds,
        openHoldCount,
        lastStatementBalance,
        Math.max(0, lastMinimumPayment - paidSinceStatement),
        lastDueDate,
        now);
  }
}
