package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.ticket.domain.Team;
import io.meshdesk.ticket.domain.Teams;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Teams in {@code ticket.teams} through Hibernate ({@link TeamEntity}), each session on the
 * connection of a tenant transaction, so row-level security stands behind Hibernate's tenant
 * filter. Ticket writes check a team with plain SQL ({@link SettingsStore#teamExists}).
 */
public final class TeamStore implements Teams {

  /** Rolls back the insert of a name the tenant already uses. */
  private static final class NameTaken extends RuntimeException {
    NameTaken() {
      super(null, null, false, false);
    }
  }

  private final Transactions tx;
  private final Hibernate orm;

  /**
   * A store running its transactions on {@code tx}, over {@code orm} as {@link SettingsStore#orm}
   * builds it.
   */
  public TeamStore(Transactions tx, Hibernate orm) {
    this.tx = tx;
    this.orm = orm;
  }

  @Override
  public boolean create(UUID tenant, Team team) {
    try {
      return tx.inTenant(
          tenant,
          c ->
              orm.session(
                  c,
                  tenant,
                  s -> {
                    boolean taken =
                        !s.createSelectionQuery(
                                "select 1 from TeamEntity where name = :name", Integer.class)
                            .setParameter("name", team.name())
                            .getResultList()
                            .isEmpty();
                    if (taken) {
                      throw new NameTaken();
                    }
                    s.persist(
                        new TeamEntity(
                            team.id(), team.name(), team.description(), team.createdAt()));
                    try {
                      s.flush();
                    } catch (ConstraintViolationException e) {
                      throw new NameTaken(); // a concurrent insert of the same name won
                    }
                    return true;
                  }));
    } catch (NameTaken e) {
      return false;
    }
  }

  @Override
  public List<Team> page(UUID tenant, String afterName, int limit) {
    return tx.inTenant(
        tenant,
        c ->
            orm.session(
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
                        .map(e -> new Team(e.id(), e.name(), e.description(), e.createdAt()))
                        .toList()));
  }
}
