package io.meshdesk.reminder.persistence;

import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reminder rules in {@code reminder.rule} through Hibernate ({@link RuleEntity}), each session on
 * the connection of a tenant transaction, so row-level security stands behind Hibernate's tenant
 * filter. The planner's reads join the caller's transaction.
 */
public final class RuleStore implements AutoCloseable {

  private static final String LIVE = "from RuleEntity where deletedAt is null";

  private final Transactions tx;
  private final Hibernate orm;

  /** A store over the application pool {@code dataSource}. */
  public RuleStore(DataSource dataSource) {
    this.tx = new Transactions(dataSource);
    this.orm = new Hibernate(dataSource, List.of(RuleEntity.class));
  }

  /** Inserts a rule and records its tenant in the scheduler's tenant list. */
  public void insert(UUID tenantId, ReminderRule r) {
    tx.inTenant(
        tenantId,
        c -> {
          orm.session(
              c,
              tenantId,
              s -> {
                s.persist(RuleEntity.of(r));
                return null;
              });
          TenantStore.register(c, tenantId);
          return null;
        });
  }

  /** Live rules of the tenant, oldest first; of one card when {@code cardId} is not null. */
  public List<ReminderRule> list(UUID tenantId, UUID cardId, int offset, int limit) {
    return orm.inTenant(
        tenantId,
        s -> {
          var query =
              s.createSelectionQuery(
                  LIVE + (cardId == null ? "" : " and cardId = :card") + " order by createdAt, id",
                  RuleEntity.class);
          if (cardId != null) {
            query.setParameter("card", cardId);
          }
          return query.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
              .map(RuleEntity::toRule)
              .toList();
        });
  }

  /** Live rules of several cards (the planner's view), in the caller's tenant transaction. */
  public List<ReminderRule> forCards(Connection c, UUID tenantId, List<UUID> cardIds) {
    return orm.session(
        c,
        tenantId,
        s ->
            s
                .createSelectionQuery(
                    LIVE + " and cardId in :cards order by createdAt, id", RuleEntity.class)
                .setParameter("cards", cardIds)
                .getResultList()
                .stream()
                .map(RuleEntity::toRule)
                .toList());
  }

  /**
   * Live rules of one kind on one card (event-driven kinds), in the caller's tenant transaction.
   */
  public List<ReminderRule> forCard(Connection c, UUID tenantId, UUID cardId, ReminderKind kind) {
    return orm.session(
        c,
        tenantId,
        s ->
            s
                .createSelectionQuery(
                    LIVE + " and cardId = :card and kind = :kind", RuleEntity.class)
                .setParameter("card", cardId)
                .setParameter("kind", kind)
                .getResultList()
                .stream()
                .map(RuleEntity::toRule)
                .toList());
  }

  /** One live rule. */
  public Optional<ReminderRule> find(UUID tenantId, UUID ruleId) {
    return orm.inTenant(
        tenantId,
        s ->
            Optional.ofNullable(s.find(RuleEntity.class, ruleId))
                .filter(r -> !r.deleted())
                .map(RuleEntity::toRule));
  }

  /**
   * Soft-deletes a rule and cancels its open deliveries; returns how many were cancelled, or -1 if
   * none.
   */
  public int delete(UUID tenantId, UUID ruleId, Instant now) {
    return tx.inTenant(
        tenantId,
        c -> {
          boolean deleted =
              orm.session(
                  c,
                  tenantId,
                  s -> {
                    RuleEntity rule =
                        s.find(RuleEntity.class, ruleId, LockModeType.PESSIMISTIC_WRITE);
                    if (rule == null || rule.deleted()) {
                      return false;
                    }
                    rule.delete(now);
                    return true;
                  });
          return deleted ? cancelOpenDeliveries(c, ruleId, now) : -1;
        });
  }

  @Override
  public void close() {
    orm.close();
  }

  private static int cancelOpenDeliveries(Connection c, UUID ruleId, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update reminder.delivery set status = 'CANCELLED', next_attempt_at = ? where rule_id = ?"
                + " and status in ('PENDING', 'RETRYING')")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setObject(2, ruleId);
      return ps.executeUpdate();
    }
  }
}
