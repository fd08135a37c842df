package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.ActorKind;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.SlaPolicies;
import io.meshdesk.ticket.domain.SlaPolicy;
import io.meshdesk.ticket.domain.SlaTarget;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A tenant's SLA policy in {@code ticket.sla_policies} and {@code ticket.sla_targets} through
 * Hibernate ({@link SlaPolicyEntity}, {@link SlaTargetEntity}), each session on the connection of a
 * tenant transaction. Ticket writes read the targets with plain SQL ({@link
 * SettingsStore#targets}).
 */
public final class SlaPolicyStore implements SlaPolicies {

  private final Transactions tx;
  private final Hibernate orm;

  /**
   * A store running its transactions on {@code tx}, over {@code orm} as {@link SettingsStore#orm}
   * builds it.
   */
  public SlaPolicyStore(Transactions tx, Hibernate orm) {
    this.tx = tx;
    this.orm = orm;
  }

  @Override
  public SlaPolicy current(UUID tenant) {
    return tx.inTenant(tenant, c -> orm.session(c, tenant, s -> read(s, tenant)));
  }

  /**
   * Holds the policy row locked while the targets are replaced and read back. The row is created by
   * an upsert before it is locked, so two callers setting a tenant's first policy at once queue on
   * the same row instead of both inserting it (the loser would fail on the primary key).
   */
  @Override
  public SlaPolicy replace(UUID tenant, List<SlaTarget> targets, Actor by, Instant at) {
    return tx.inTenant(
        tenant,
        c ->
            orm.session(
                c,
                tenant,
                s -> {
                  s.createNativeMutationQuery(
                          "insert into ticket.sla_policies (tenant_id, version, updated_at,"
                              + " updated_by_kind, updated_by_id) values (:tenant, 0, :at, 0, '')"
                              + " on conflict (tenant_id) do nothing")
                      .setParameter("tenant", tenant)
                      .setParameter("at", at)
                      .executeUpdate();
                  SlaPolicyEntity policy =
                      s.find(SlaPolicyEntity.class, tenant, LockModeType.PESSIMISTIC_WRITE);
                  policy.replaced(at, by.kind().number(), by.id(), by.displayName());
                  s.createMutationQuery("delete from SlaTargetEntity").executeUpdate();
                  for (SlaTarget t : targets) {
                    s.persist(
                        new SlaTargetEntity(
                            t.priority().number(),
                            t.firstResponse().toSeconds(),
                            t.resolution().toSeconds()));
                  }
                  s.flush();
                  return read(s, tenant);
                }));
  }

  private static SlaPolicy read(Session s, UUID tenant) {
    List<SlaTarget> targets =
        s
            .createSelectionQuery("from SlaTargetEntity order by priority", SlaTargetEntity.class)
            .getResultList()
            .stream()
            .map(
                t ->
                    new SlaTarget(
                        Priority.ofNumber(t.priority()),
                        Duration.ofSeconds(t.firstResponseSeconds()),
                        Duration.ofSeconds(t.resolutionSeconds())))
            .toList();
    SlaPolicyEntity p = s.find(SlaPolicyEntity.class, tenant);
    if (p == null) {
      return new SlaPolicy(0, null, null, targets);
    }
    return new SlaPolicy(
        p.version(),
        p.updatedAt(),
        new Actor(ActorKind.ofNumber(p.updatedByKind()), p.updatedById(), p.updatedByName()),
        targets);
  }
}
