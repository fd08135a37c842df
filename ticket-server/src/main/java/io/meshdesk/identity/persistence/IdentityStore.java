package io.meshdesk.identity.persistence;

import io.meshdesk.identity.service.AuditTrail;
import io.meshdesk.identity.service.IdentityTransactions;
import io.meshdesk.identity.service.RefreshTokens;
import io.meshdesk.identity.service.ServiceAccounts;
import io.meshdesk.identity.service.SigningKeyRing;
import io.meshdesk.identity.service.Tenants;
import io.meshdesk.identity.service.UnitOfWork;
import io.meshdesk.identity.service.Users;
import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.db.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The identity schema: transactions in one of the identity scopes, a tenant ({@code
 * app.tenant_id}), the platform ({@code app.platform = on}) or none, each handing its work the
 * stores bound to its connection.
 */
public final class IdentityStore implements IdentityTransactions, AutoCloseable {

  private final Transactions tx;
  private final Hibernate orm;

  /** A store over the application pool {@code dataSource}. */
  public IdentityStore(DataSource dataSource) {
    this.tx = new Transactions(dataSource);
    this.orm = new Hibernate(dataSource, List.of(UserEntity.class));
  }

  @Override
  public <T> T tenant(UUID tenantId, Work<T> work) {
    return tx.inTenant(tenantId, c -> work.run(new Bound(c, tenantId)));
  }

  @Override
  public <T> T platform(Work<T> work) {
    return tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select set_config('app.platform', 'on', true)")) {
            ps.execute();
          }
          return work.run(new Bound(c, null));
        });
  }

  @Override
  public <T> T unscoped(Work<T> work) {
    return tx.withoutTenant(c -> work.run(new Bound(c, null)));
  }

  @Override
  public void close() {
    orm.close();
  }

  /** The stores of one transaction, in the scope of {@code tenant} (null: platform or none). */
  private final class Bound implements UnitOfWork {

    private final Connection c;
    private final UUID tenant;

    Bound(Connection c, UUID tenant) {
      this.c = c;
      this.tenant = tenant;
    }

    @Override
    public Users users() {
      return new UserStore(c, orm, tenant);
    }

    @Override
    public Tenants tenants() {
      return new TenantStore(c);
    }

    @Override
    public AuditTrail audit() {
      return new AuditStore(c);
    }

    @Override
    public RefreshTokens refreshTokens() {
      return new RefreshTokenStore(c);
    }

    @Override
    public ServiceAccounts serviceAccounts() {
      return new ServiceAccountStore(c);
    }

    @Override
    public SigningKeyRing keys() {
      return new SigningKeyStore(c);
    }

    @Override
    public UnitOfWork enterTenant(UUID tenantId) {
      try {
        Transactions.setTenant(c, tenantId);
      } catch (SQLException e) {
        throw new DataAccessException(e);
      }
      return new Bound(c, tenantId);
    }
  }
}
