package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.User;
import io.meshdesk.identity.service.Users;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.query.SelectionQuery;

/**
 * Tenant users through Hibernate ({@link UserEntity}, sessions over the connection of the open
 * transaction, so row-level security stands behind the tenant filter), and platform admins ({@code
 * identity.platform_admin}, installation-level, no tenant) in hand-written SQL.
 */
final class UserStore extends JdbcStore implements Users {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String ADMIN_COLS =
      "id, email, display_name, status, created_at, last_login_at";

  private final Connection connection;
  private final Hibernate orm;
  private final UUID tenant;

  /** Users of {@code tenant} (null in platform or no scope, where no tenant user is visible). */
  UserStore(Connection connection, Hibernate orm, UUID tenant) {
    super(connection);
    this.connection = connection;
    this.orm = orm;
    this.tenant = tenant;
  }

  @Override
  public boolean insert(User u, String passwordHash) {
    if (tenant == null || !tenant.equals(u.tenantId())) {
      throw new IllegalStateException("a tenant user is inserted in its own tenant's scope");
    }
    return inSession(
        s -> {
          boolean taken =
              s.createSelectionQuery("select 1 from UserEntity where email = :email", Integer.class)
                      .setParameter("email", u.email())
                      .setMaxResults(1)
                      .getSingleResultOrNull()
                  != null;
          if (taken) {
            return false;
          }
          try {
            s.persist(UserEntity.of(u, passwordHash));
            s.flush();
            return true;
          } catch (ConstraintViolationException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
              // A concurrent create of the same email won; nothing is left to flush.
              s.clear();
              return false;
            }
            throw e;
          }
        },
        false);
  }

  @Override
  public Optional<User> find(UUID id) {
    return inSession(s -> entity(s, id).map(UserEntity::toUser), Optional.empty());
  }

  @Override
  public Optional<WithHash> findByEmail(String email) {
    return inSession(
        s ->
            s.createSelectionQuery("from UserEntity where email = :email", UserEntity.class)
                .setParameter("email", email)
                .uniqueResultOptional()
                .map(e -> new WithHash(e.toUser(), e.passwordHash())),
        Optional.empty());
  }

  @Override
  public List<User> list(Filter f, int offset, int limit) {
    return inSession(
        s -> {
          StringBuilder hql = new StringBuilder("from UserEntity u where true");
          if (f.role() != null) {
            hql.append(" and u.role = :role");
          }
          if (f.active() != null) {
            hql.append(" and u.status = :status");
          }
          if (f.team() != null) {
            hql.append(" and array_contains(u.teamIds, :team)");
          }
          boolean query = f.query() != null && !f.query().isEmpty();
          if (query) {
            hql.append(
                " and (lower(u.email) like :like escape '\\' or lower(u.displayName) like :like"
                    + " escape '\\')");
          }
          hql.append(" order by u.displayName, u.id");
          SelectionQuery<UserEntity> q = s.createSelectionQuery(hql.toString(), UserEntity.class);
          if (f.role() != null) {
            q.setParameter("role", f.role().claim());
          }
          if (f.active() != null) {
            q.setParameter("status", f.active() ? UserEntity.ACTIVE : UserEntity.DEACTIVATED);
          }
          if (f.team() != null) {
            q.setParameter("team", f.team());
          }
          if (query) {
            q.setParameter("like", likePrefix(f.query()));
          }
          return q.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
              .map(UserEntity::toUser)
              .toList();
        },
        List.of());
  }

  @Override
  public Optional<User> setRole(UUID id, Role role, Instant at) {
    return change(id, e -> e.changeRole(role, at));
  }

  @Override
  public Optional<User> setTeams(UUID id, List<UUID> teams, Instant at) {
    return change(id, e -> e.replaceTeams(teams, at));
  }

  @Override
  public Optional<User> deactivate(UUID id, Instant at) {
    return change(id, e -> e.deactivate(at));
  }

  @Override
  public void touchLogin(UUID id, Instant at) {
    change(id, e -> e.signedIn(at));
  }

  @Override
  public void insertAdmin(User u, String passwordHash) {
    sql(
        c ->
            Sql.update(
                c,
                "insert into identity.platform_admin (id, email, display_name, password_hash, status, created_at)"
                    + " values (?, ?, ?, ?, 'active', ?)",
                u.id(),
                u.email(),
                u.displayName(),
                passwordHash,
                u.createdAt()));
  }

  @Override
  public boolean anyAdmin() {
    return sql(
        c -> Sql.one(c, rs -> true, "select 1 from identity.platform_admin limit 1").isPresent());
  }

  @Override
  public Optional<WithHash> findAdminByEmail(String email) {
    return sql(
        c ->
            Sql.one(
                c,
                rs -> new WithHash(mapAdmin(rs), rs.getString("password_hash")),
                "select "
                    + ADMIN_COLS
                    + ", password_hash from identity.platform_admin where email = ?",
                email));
  }

  @Override
  public Optional<User> findAdmin(UUID id) {
    return sql(
        c ->
            Sql.one(
                c,
                UserStore::mapAdmin,
                "select " + ADMIN_COLS + " from identity.platform_admin where id = ?",
                id));
  }

  @Override
  public void touchAdminLogin(UUID id, Instant at) {
    sql(
        c ->
            Sql.update(
                c, "update identity.platform_admin set last_login_at = ? where id = ?", at, id));
  }

  /** Applies {@code change} to a user of the tenant; the session flushes it. */
  private Optional<User> change(UUID id, Consumer<UserEntity> change) {
    return inSession(
        s ->
            entity(s, id)
                .map(
                    e -> {
                      change.accept(e);
                      return e.toUser();
                    }),
        Optional.empty());
  }

  private static Optional<UserEntity> entity(Session s, UUID id) {
    return Optional.ofNullable(s.find(UserEntity.class, id));
  }

  /** Runs {@code work} in the tenant's session; outside a tenant no user is visible. */
  private <T> T inSession(Function<Session, T> work, T outsideTenant) {
    return tenant == null ? outsideTenant : orm.session(connection, tenant, work);
  }

  /** A LIKE pattern for names and emails starting with {@code query}, wildcards escaped. */
  private static String likePrefix(String query) {
    return query
            .toLowerCase(Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }

  private static User mapAdmin(ResultSet rs) throws SQLException {
    Instant created = Sql.instant(rs, "created_at");
    return new User(
        Sql.uuid(rs, "id"),
        null,
        rs.getString("email"),
        rs.getString("display_name"),
        Role.PLATFORM_ADMIN,
        "active".equals(rs.getString("status")),
        List.of(),
        created,
        created,
        null,
        Sql.instant(rs, "last_login_at"));
  }
}
