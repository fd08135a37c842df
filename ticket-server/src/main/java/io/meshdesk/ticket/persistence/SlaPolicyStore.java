package io.meshdesk.ticket.persistence;

import com.google.protobuf.Duration;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.ticket.v1.SlaPolicy;
import io.meshdesk.api.ticket.v1.SlaTarget;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.proto.ProtoTime;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's SLA policy in {@code ticket.sla_policies} and {@code ticket.sla_targets} through
 * Hibernate ({@link SlaPolicyEntity}, {@link SlaTargetEntity}), each session on the connection of
 * the caller's tenant transaction. Ticket writes read the targets with plain SQL ({@link
 * SettingsStore#targets}).
 */
public final class SlaPolicyStore {

  private final Hibernate orm;

  /** A store over {@code orm}, as {@link SettingsStore#orm} builds it. */
  public SlaPolicyStore(Hibernate orm) {
    this.orm = orm;
  }

  /** The tenant's policy, targets by priority (version 0 and no targets when never set). */
  public SlaPolicy policy(Connection c, UUID tenant) {
    return orm.session(
        c,
        tenant,
        s -> {
          SlaPolicy.Builder b = SlaPolicy.newBuilder();
          SlaPolicyEntity p = s.find(SlaPolicyEntity.class, tenant);
          if (p != null) {
            b.setVersion(p.version())
                .setUpdatedAt(ProtoTime.timestamp(p.updatedAt()))
                .setUpdatedBy(
                    Actor.newBuilder()
                        .setKind(ActorKind.forNumber(p.updatedByKind()))
                        .setId(p.updatedById())
                        .setDisplayName(p.updatedByName()));
          }
          s.createSelectionQuery("from SlaTargetEntity order by priority", SlaTargetEntity.class)
              .getResultList()
              .forEach(
                  t ->
                      b.addTargets(
                          SlaTarget.newBuilder()
                              .setPriority(TicketPriority.forNumber(t.priority()))
                              .setFirstResponse(
                                  Duration.newBuilder().setSeconds(t.firstResponseSeconds()))
                              .setResolution(
                                  Duration.newBuilder().setSeconds(t.resolutionSeconds()))));
          return b.build();
        });
  }

  /**
   * Replaces the tenant's targets and bumps the policy's version, holding the policy row locked
   * until the caller's transaction ends. The row is created by an upsert first, so two callers
   * setting a tenant's first policy at once both succeed, one after the other.
   */
  public void replace(Connection c, UUID tenant, List<SlaTarget> targets, Actor by, Instant at) {
    orm.session(
        c,
        tenant,
        s -> {
          s.createNativeMutationQuery(
                  "insert into ticket.sla_policies"
                      + " (tenant_id, version, updated_at, updated_by_kind, updated_by_id)"
                      + " values (:tenant, 0, :at, 0, '') on conflict (tenant_id) do nothing")
              .setParameter("tenant", tenant)
              .setParameter("at", at)
              .executeUpdate();
          SlaPolicyEntity policy =
              s.find(SlaPolicyEntity.class, tenant, LockModeType.PESSIMISTIC_WRITE);
          policy.replaced(at, by.getKindValue(), by.getId(), by.getDisplayName());
          s.createMutationQuery("delete from SlaTargetEntity").executeUpdate();
          for (SlaTarget t : targets) {
            s.persist(
                new SlaTargetEntity(
                    t.getPriorityValue(),
                    t.getFirstResponse().getSeconds(),
                    t.getResolution().getSeconds()));
          }
          return null;
        });
  }
}
