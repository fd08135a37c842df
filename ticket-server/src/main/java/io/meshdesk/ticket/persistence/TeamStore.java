package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ticket.v1.Team;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.proto.ProtoTime;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Teams in {@code ticket.teams} through Hibernate ({@link TeamEntity}), each session on the
 * connection of the caller's tenant transaction, so row-level security stands behind Hibernate's
 * tenant filter. Ticket writes check a team with plain SQL ({@link SettingsStore#teamExists}).
 */
public final class TeamStore {

  private final Hibernate orm;

  /** A store over {@code orm}, as {@link SettingsStore#orm} builds it. */
  public TeamStore(Hibernate orm) {
    this.orm = orm;
  }

  /**
   * Inserts a team; false when the tenant has a team of that name (the transaction is then spoilt
   * and must roll back).
   */
  public boolean insert(Connection c, UUID tenant, Team team, Instant createdAt) {
    return orm.session(
        c,
        tenant,
        s -> {
          boolean taken =
              !s.createSelectionQuery("select 1 from TeamEntity where name = :name", Integer.class)
                  .setParameter("name", team.getName())
                  .getResultList()
                  .isEmpty();
          if (taken) {
            return false;
          }
          s.persist(
              new TeamEntity(
                  UUID.fromString(team.getId()), team.getName(), team.getDescription(), createdAt));
          try {
            s.flush();
          } catch (ConstraintViolationException e) {
            return false; // a concurrent insert of the same name won
          }
          return true;
        });
  }

  /** Teams ordered by name, after {@code afterName}. */
  public List<Team> page(Connection c, UUID tenant, String afterName, int limit) {
    return orm.session(
        c,
        tenant,
        s ->
            s
                .createSelectionQuery(
                    "from TeamEntity where name > :after order by name", TeamEntity.class)
                .setParameter("after", afterName)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(
                    e ->
                        Team.newBuilder()
                            .setId(e.id().toString())
                            .setName(e.name())
                            .setDescription(e.description())
                            .setCreatedAt(ProtoTime.timestamp(e.createdAt()))
                            .build())
                .toList());
  }
}
