package io.meshdesk.identity.persistence;

import io.meshdesk.platform.db.Transactions;
import java.sql.PreparedStatement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Transactions in one of the identity scopes: a tenant ({@code app.tenant_id}), the platform
 * ({@code app.platform = on}: installation-level rows and every audit event), or none (only the
 * tables without tenant data).
 */
public final class IdentityTx {

  private final Transactions tx;

  public IdentityTx(DataSource dataSource) {
    this.tx = new Transactions(dataSource);
  }

  /** Work scoped to one tenant. */
  public <T> T tenant(UUID tenantId, Transactions.Work<T> work) {
    return tx.inTenant(tenantId, work);
  }

  /** Work in platform scope. */
  public <T> T platform(Transactions.Work<T> work) {
    return tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("select set_config('app.platform', 'on', true)")) {
            ps.execute();
          }
          return work.run(c);
        });
  }

  /** Work scoped to {@code tenantId}, or to the platform when it is null. */
  public <T> T scoped(UUID tenantId, Transactions.Work<T> work) {
    return tenantId == null ? platform(work) : tenant(tenantId, work);
  }

  /** Work with no scope (tenants, platform admins, keys). */
  public <T> T unscoped(Transactions.Work<T> work) {
    return tx.withoutTenant(work);
  }
}
