package io.meshdesk.platform.db;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/**
 * Hibernate ORM over the application pool. The schema belongs to Liquibase: Hibernate only
 * validates it. Entities carry {@code @TenantId}, so every query is filtered by the session's
 * tenant, and every tenant transaction also sets {@code app.tenant_id} for row-level security.
 *
 * <p>Services use it through {@link #session(Connection, UUID, Function)}: a session over the
 * connection of a {@link Transactions} unit of work, so ORM and hand-written SQL share one
 * transaction, one tenant setting and one answer to a lost connection (retried before the commit,
 * UNAVAILABLE during it).
 */
public final class Hibernate implements AutoCloseable {

  private final SessionFactory sessionFactory;
  private final Transactions transactions;

  public Hibernate(DataSource dataSource, List<Class<?>> entities) {
    this.transactions = new Transactions(dataSource);
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
            .applySetting(
                AvailableSettings.PHYSICAL_NAMING_STRATEGY,
                new CamelCaseToUnderscoresNamingStrategy())
            .applySetting(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER, new NoDefaultTenant())
            .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
            .applySetting(AvailableSettings.ORDER_INSERTS, true)
            .applySetting(AvailableSettings.ORDER_UPDATES, true)
            .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
            .applySetting(AvailableSettings.SHOW_SQL, false)
            // Sessions over a Transactions connection flush into a transaction Hibernate did not
            // begin; Transactions commits it.
            .applySetting(AvailableSettings.ALLOW_UPDATE_OUTSIDE_TRANSACTION, true)
            .build();
    MetadataSources sources = new MetadataSources(registry);
    entities.forEach(sources::addAnnotatedClass);
    this.sessionFactory = sources.buildMetadata().buildSessionFactory();
  }

  /** The session factory, for callers that need more than {@link #inTenant}. */
  public SessionFactory sessionFactory() {
    return sessionFactory;
  }

  /**
   * Runs {@code work} in a session of {@code tenantId} over {@code connection}, an open transaction
   * of {@link Transactions#inTenant} for the same tenant (which set {@code app.tenant_id}), and
   * flushes before returning. The caller's transaction commits or rolls back what was flushed.
   */
  public <T> T session(Connection connection, UUID tenantId, Function<Session, T> work) {
    Objects.requireNonNull(tenantId, "tenantId");
    try (Session session =
        sessionFactory
            .withOptions()
            .connection(connection)
            .tenantIdentifier(tenantId)
            .openSession()) {
      T result = work.apply(session);
      session.flush();
      return result;
    }
  }

  /**
   * Runs {@code work} in a session of {@code tenantId} inside a transaction of {@link
   * Transactions#inTenant} (so RLS is scoped to the tenant and a lost connection is handled as for
   * every other unit of work), then commits.
   */
  public <T> T inTenant(UUID tenantId, Function<Session, T> work) {
    return transactions.inTenant(tenantId, c -> session(c, tenantId, work));
  }

  @Override
  public void close() {
    sessionFactory.close();
  }

  /** Sessions must name their tenant explicitly; there is no ambient default. */
  private static final class NoDefaultTenant implements CurrentTenantIdentifierResolver<Object> {
    private static final UUID NONE = new UUID(0, 0);

    @Override
    public Object resolveCurrentTenantIdentifier() {
      return NONE;
    }

    @Override
    public boolean validateExistingCurrentSessions() {
      return false;
    }
  }
}
