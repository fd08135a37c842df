package io.meshdesk.reminder.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.reminder.ReminderModule;
import io.meshdesk.reminder.domain.Channel;
import io.meshdesk.reminder.domain.Delivery;
import io.meshdesk.reminder.domain.NewDelivery;
import io.meshdesk.reminder.domain.QuietHours;
import io.meshdesk.reminder.domain.ReminderKind;
import io.meshdesk.reminder.domain.ReminderRule;
import io.meshdesk.testing.TestEnvironment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminder rules on Hibernate against real PostgreSQL as the application role: a rule reads back
 * whole, lists page by card and age, deletion is soft and cancels the rule's open deliveries, the
 * planner's reads see live rules only, and another tenant sees and deletes nothing.
 */
class RuleStoreIT {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

  private static Database database;
  private static Transactions tx;
  private static RuleStore rules;
  private static DeliveryStore deliveries;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("rule-store");
    Migrations.apply(db, List.of(ReminderModule.CHANGELOG));
    database = new Database(db, "rule-store");
    tx = new Transactions(database.dataSource());
    rules = new RuleStore(database.dataSource());
    deliveries = new DeliveryStore(tx);
  }

  @AfterAll
  static void stop() {
    rules.close();
    database.close();
  }

  private static ReminderRule rule(UUID card, ReminderKind kind, Instant createdAt) {
    return new ReminderRule(
        UUID.randomUUID(),
        card,
        kind,
        List.of(7, 3, 1),
        8000,
        Channel.WEBHOOK,
        "https://hooks.example.com/r",
        Optional.of(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 30), ZONE)),
        ZONE,
        "secret-1",
        createdAt,
        UUID.randomUUID());
  }

  @Test
  void aRuleReadsBackWholeAndListsOldestFirstByCard() {
    UUID tenant = UUID.randomUUID();
    UUID cardA = UUID.randomUUID();
    UUID cardB = UUID.randomUUID();
    ReminderRule first = rule(cardA, ReminderKind.DAYS_BEFORE_DUE, T0);
    ReminderRule second = rule(cardB, ReminderKind.UTILIZATION_ABOVE, T0.plusSeconds(1));
    ReminderRule third = rule(cardA, ReminderKind.STATEMENT_READY, T0.plusSeconds(2));
    List.of(third, first, second).forEach(r -> rules.insert(tenant, r));

    assertThat(rules.find(tenant, first.id())).contains(first);
    assertThat(rules.list(tenant, null, 0, 10)).containsExactly(first, second, third);
    assertThat(rules.list(tenant, null, 1, 1)).containsExactly(second);
    assertThat(rules.list(tenant, cardA, 0, 10)).containsExactly(first, third);
    assertThat(planned(tenant, List.of(cardA, cardB))).containsExactly(first, second, third);
    assertThat(firing(tenant, cardA, ReminderKind.STATEMENT_READY)).containsExactly(third);
    assertThat(registeredTenants()).contains(tenant);
  }

  @Test
  void deletingIsSoftAndCancelsOnlyOpenDeliveries() {
    UUID tenant = UUID.randomUUID();
    UUID card = UUID.randomUUID();
    ReminderRule doomed = rule(card, ReminderKind.DAYS_BEFORE_DUE, T0);
    ReminderRule kept = rule(card, ReminderKind.DAYS_BEFORE_DUE, T0.plusSeconds(1));
    rules.insert(tenant, doomed);
    rules.insert(tenant, kept);
    Delivery.Content content = new Delivery.Content("Ada", 12_300, "EUR", null);
    List<NewDelivery> planned = new ArrayList<>();
    for (ReminderRule r : List.of(doomed, kept)) {
      planned.add(NewDelivery.of(r, "stmt-1", 3, content, T0.plus(1, ChronoUnit.DAYS)));
      planned.add(NewDelivery.of(r, "stmt-1", 1, content, T0.plus(2, ChronoUnit.DAYS)));
    }
    assertThat(deliveries.schedule(tenant, planned)).isEqualTo(4);

    assertThat(rules.delete(tenant, doomed.id(), T0.plusSeconds(60))).isEqualTo(2);
    assertThat(rules.find(tenant, doomed.id())).isEmpty();
    assertThat(rules.list(tenant, card, 0, 10)).containsExactly(kept);
    assertThat(planned(tenant, List.of(card))).containsExactly(kept);
    assertThat(statuses(tenant, doomed.id())).containsOnly("CANCELLED").hasSize(2);
    assertThat(statuses(tenant, kept.id())).containsOnly("PENDING").hasSize(2);
    assertThat(rowCount(tenant, doomed.id())).as("the row stays for its deliveries").isEqualTo(1);

    assertThat(rules.delete(tenant, doomed.id(), T0.plusSeconds(120))).isEqualTo(-1);
  }

  @Test
  void anotherTenantSeesAndDeletesNothing() {
    UUID owner = UUID.randomUUID();
    UUID intruder = UUID.randomUUID();
    UUID card = UUID.randomUUID();
    ReminderRule r = rule(card, ReminderKind.PAYMENT_RECEIVED, T0);
    rules.insert(owner, r);

    assertThat(rules.find(intruder, r.id())).isEmpty();
    assertThat(rules.list(intruder, null, 0, 10)).isEmpty();
    assertThat(planned(intruder, List.of(card))).isEmpty();
    assertThat(rules.delete(intruder, r.id(), T0)).isEqualTo(-1);
    assertThat(rules.find(owner, r.id())).contains(r);
  }

  /** The planner's read, inside a tenant transaction as the planner makes it. */
  private static List<ReminderRule> planned(UUID tenant, List<UUID> cards) {
    return tx.inTenant(tenant, c -> rules.forCards(c, tenant, cards));
  }

  /** The event path's read, inside a tenant transaction. */
  private static List<ReminderRule> firing(UUID tenant, UUID card, ReminderKind kind) {
    return tx.inTenant(tenant, c -> rules.forCard(c, tenant, card, kind));
  }

  private static List<String> statuses(UUID tenant, UUID ruleId) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select status from reminder.delivery where rule_id = ?")) {
            ps.setObject(1, ruleId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
            return out;
          }
        });
  }

  private static int rowCount(UUID tenant, UUID ruleId) {
    return tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select count(*) from reminder.rule where id = ?")) {
            ps.setObject(1, ruleId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  private static List<UUID> registeredTenants() {
    return tx.withoutTenant(
        c -> {
          List<UUID> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement("select tenant_id from reminder.tenant");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getObject(1, UUID.class));
            }
          }
          return out;
        });
  }
}
