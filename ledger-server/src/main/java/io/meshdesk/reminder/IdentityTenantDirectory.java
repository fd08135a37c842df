package io.meshdesk.reminder;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.scheduler.TenantDirectory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every active tenant with its time zone, read from the identity service's tenant table (shared
 * database, platform-level table without row-level security). The scheduler closes billing cycles
 * and creates reminders for each of them, in its own zone.
 */
public final class IdentityTenantDirectory implements TenantDirectory {

  private final Transactions tx;

  public IdentityTenantDirectory(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public List<TenantZone> tenants() {
    try {
      return read();
    } catch (DataAccessException e) {
      if ("42P01".equals(e.sqlState())) {
        // The identity schema is not in this database (a ledger-only deployment or test).
        return List.of();
      }
      throw e;
    }
  }

  private List<TenantZone> read() {
    return tx.withoutTenant(
        c -> {
          List<TenantZone> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("select id, time_zone from identity.tenant where status = 'active' order by id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new TenantZone(rs.getObject(1, UUID.class), zone(rs.getString(2))));
            }
          }
          return out;
        });
  }

  private static ZoneId zone(String name) {
    try {
      return name == null || name.isBlank() ? ZoneId.of("UTC") : ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
