package io.meshdesk.ledger.billing;

import io.meshdesk.ledger.domain.DueSummary;
import io.meshdesk.ledger.domain.StatementLineView;
import io.meshdesk.ledger.domain.StatementView;
import io.meshdesk.ledger.domain.TxnType;
import io.meshdesk.ledger.domain.TxnView;
import io.meshdesk.ledger.posting.CardState;
import io.meshdesk.ledger.posting.ClosingCharges;
import io.meshdesk.ledger.statement.ActivityKind;
import io.meshdesk.ledger.statement.ActivityLine;
import io.meshdesk.ledger.statement.BillingCycle;
import io.meshdesk.ledger.statement.Money;
import io.meshdesk.ledger.statement.PreviousStatement;
import io.meshdesk.ledger.statement.ProductTerms;
import io.meshdesk.ledger.statement.Statement;
import io.meshdesk.ledger.statement.StatementCalculator;
import io.meshdesk.ledger.statement.StatementInput;
import io.meshdesk.platform.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes billing cycles into immutable statements: reads the cycle's posted transactions, runs the
 * {@link StatementCalculator}, posts the interest and late fee it computes as journal entries, and
 * stores the statement with its lines. Each card closes in its own transaction under its row lock;
 * closing again is a no-op, so the daily scheduler may run it as often as it likes.
 */
public final class StatementService {

  private static final Logger log = LoggerFactory.getLogger(StatementService.class);

  private final Transactions tx;
  private final Clock clock;

  public StatementService(Transactions tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * What one run of {@link #closeDueCycles} did.
   *
   * @param created the statements created
   * @param failedCards cards whose close failed (rolled back, logged); the next run retries them
   */
  public record CloseRun(List<StatementView> created, List<UUID> failedCards) {}

  /**
   * The idempotency key of a charge a statement close posts. It contains spaces, which client keys
   * (visible ASCII only) cannot, so no client posting can take it and block a close.
   */
  static String systemKey(UUID cardId, LocalDate closingDate, String slug) {
    return "close " + cardId + " " + closingDate + " " + slug;
  }

  /**
   * Closes every cycle of the tenant's cards that ended before {@code asOf} (a cycle closing on day
   * D closes from D + 1), catching up several months if needed. Idempotent. Each card closes on its
   * own: one card's failure is logged and reported and does not stop the others.
   */
  public CloseRun closeDueCycles(UUID tenantId, LocalDate asOf) {
    List<UUID> due =
        tx.inTenant(
            tenantId,
            c -> {
              List<UUID> ids = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "select id from ledger.card where tenant_id = ? and next_statement_date < ? order by id")) {
                ps.setObject(1, tenantId);
                ps.setObject(2, asOf);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                  }
                }
              }
              return ids;
            });
    List<StatementView> created = new ArrayList<>();
    List<UUID> failed = new ArrayList<>();
    for (UUID cardId : due) {
      try {
        created.addAll(closeCard(tenantId, cardId, asOf));
      } catch (RuntimeException e) {
        // Its transaction rolled back; the card stays due and the next run retries it.
        log.error("closing the cycle of card {} (tenant {}) failed", cardId, tenantId, e);
        failed.add(cardId);
      }
    }
    return new CloseRun(List.copyOf(created), List.copyOf(failed));
  }

  /** Closes one card's cycles that ended before {@code asOf}; returns the statements created. */
  public List<StatementView> closeCard(UUID tenantId, UUID cardId, LocalDate asOf) {
    List<StatementView> created = new ArrayList<>();
    while (true) {
      Optional<StatementView> s =
          tx.inTenant(
              tenantId,
              c -> {
                Optional<CardState> locked = ClosingCharges.lock(c, tenantId, cardId);
                if (locked.isEmpty() || !locked.get().nextStatementDate().isBefore(asOf)) {
                  return Optional.<StatementView>empty();
                }
                return Optional.of(closeLocked(c, tenantId, locked.get()));
              });
      if (s.isEmpty()) {
        return created;
      }
      created.add(s.get());
    }
  }

  /**
   * What each of the tenant's cards owes on its latest statement with a due date in [from, to]: the
   * read model reminders are built from.
   */
  public List<DueSummary> dueBetween(UUID tenantId, LocalDate from, LocalDate to) {
    return tx.inTenant(
        tenantId,
        c -> {
          List<DueSummary> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select c.id, c.holder_user_id, s.id, c.currency, s.period_end,"
                      + " c.last_due_date, c.last_statement_balance_minor, c.last_minimum_payment_minor,"
                      + " c.paid_since_statement_minor from ledger.card c join lateral (select id, period_end from"
                      + " ledger.statement s where s.tenant_id = c.tenant_id and s.card_id = c.id order by period_end desc limit 1)"
                      + " s on true where c.tenant_id = ? and c.last_due_date between ? and ? order by c.last_due_date, c.id")) {
            ps.setObject(1, tenantId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long min = rs.getLong(8);
                long paid = rs.getLong(9);
                out.add(
                    new DueSummary(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class),
                        rs.getLong(7),
                        min,
                        paid,
                        Math.max(0, min - paid)));
              }
            }
          }
          return out;
        });
  }

  private StatementView closeLocked(java.sql.Connection c, UUID tenant, CardState card)
      throws SQLException {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ClosingCharges.expireHolds(c, tenant, card, now);
    BillingCycle cycle = BillingCycle.endingOn(card.nextStatementDate());
    ProductTerms terms = StatementStore.terms(c, tenant, card.productId());
    PreviousStatement previous = StatementStore.previous(c, tenant, card.id(), terms.currency());
    Map<ActivityLine, UUID> txnOf = new IdentityHashMap<>();
    List<ActivityLine> activity = new ArrayList<>();
    for (StatementStore.Posted p :
        StatementStore.posted(c, tenant, card.id(), cycle.start(), cycle.closingDate())) {
      ActivityLine line =
          new ActivityLine(
              p.postedDate(),
              kind(p.type()),
              new Money(Math.abs(p.signedMinor()), terms.currency()),
              p.description(),
              p.type() == TxnType.PAYMENT_REVERSAL ? p.originalDate() : null);
      activity.add(line);
      txnOf.put(line, p.id());
    }
    Statement statement =
        new StatementCalculator(terms).close(new StatementInput(cycle, previous, activity));

    List<ActivityLine> charged = new ArrayList<>();
    List<ClosingCharges.Charge> charges = new ArrayList<>();
    for (ActivityLine line : statement.lines()) {
      if (!txnOf.containsKey(line)) {
        boolean fee = line.kind() == ActivityKind.FEE;
        String slug =
            fee
                ? "late-fee"
                : line.description().contains("cash") ? "interest-cash" : "interest-purchase";
        charged.add(line);
        charges.add(
            new ClosingCharges.Charge(
                fee ? TxnType.FEE : TxnType.INTEREST,
                line.amount().minorUnits(),
                fee ? "LATE_PAYMENT" : "",
                line.description(),
                systemKey(card.id(), cycle.closingDate(), slug),
                line.postedOn()));
      }
    }
    List<TxnView> posted = ClosingCharges.post(c, tenant, card, charges, now);
    for (int i = 0; i < charged.size(); i++) {
      txnOf.put(charged.get(i), posted.get(i).id());
    }
    List<StatementLineView> lines = new ArrayList<>();
    for (ActivityLine line : statement.lines()) {
      TxnType type = type(line.kind());
      lines.add(
          new StatementLineView(
              txnOf.get(line),
              line.postedOn(),
              type,
              line.description(),
              type.sign() * line.amount().minorUnits()));
    }
    UUID id = UUID.randomUUID();
    long available = card.creditLimit() - statement.newBalance().minorUnits() - card.openHolds();
    StatementStore.insert(
        c, tenant, id, card.id(), statement, card.creditLimit(), available, lines, now);
    long paidSince = StatementStore.paymentsAfter(c, tenant, card.id(), cycle.closingDate());
    StatementStore.advanceCard(
        c, tenant, card.id(), cycle.next().closingDate(), statement, paidSince, now);
    Money m = statement.newBalance();
    return new StatementView(
        id,
        card.id(),
        m.currency().getCurrencyCode(),
        cycle.start(),
        cycle.closingDate(),
        statement.previousBalance().minorUnits(),
        statement.paymentsAndCredits().minorUnits(),
        statement.purchases().minorUnits(),
        statement.cashAdvances().minorUnits(),
        statement.fees().minorUnits(),
        statement.interest().minorUnits(),
        m.minorUnits(),
        statement.minimumPayment().minorUnits(),
        statement.dueDate(),
        card.creditLimit(),
        available,
        lines,
        now);
  }

  private static ActivityKind kind(TxnType type) {
    return switch (type) {
      case PURCHASE -> ActivityKind.PURCHASE;
      case CASH_ADVANCE -> ActivityKind.CASH_ADVANCE;
      case FEE -> ActivityKind.FEE;
      case INTEREST -> ActivityKind.INTEREST;
      case REFUND -> ActivityKind.REFUND;
      case PAYMENT -> ActivityKind.PAYMENT;
      case FEE_REVERSAL -> ActivityKind.FEE_REVERSAL;
      case INTEREST_REVERSAL -> ActivityKind.INTEREST_REVERSAL;
      case PAYMENT_REVERSAL -> ActivityKind.PAYMENT_REVERSAL;
    };
  }

  private static TxnType type(ActivityKind kind) {
    return switch (kind) {
      case PURCHASE -> TxnType.PURCHASE;
      case CASH_ADVANCE -> TxnType.CASH_ADVANCE;
      case FEE -> TxnType.FEE;
      case INTEREST -> TxnType.INTEREST;
      case REFUND, CREDIT -> TxnType.REFUND;
      case PAYMENT -> TxnType.PAYMENT;
      case FEE_REVERSAL -> TxnType.FEE_REVERSAL;
      case INTEREST_REVERSAL -> TxnType.INTEREST_REVERSAL;
      case PAYMENT_REVERSAL -> TxnType.PAYMENT_REVERSAL;
    };
  }
}
