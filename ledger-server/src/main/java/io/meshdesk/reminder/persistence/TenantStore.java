package io.meshdesk.reminder.persistence;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.scheduler.TenantDirectory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tenants known to the reminder context ({@code reminder.tenant}) with their time zone: the
 * default {@link TenantDirectory} until the identity context feeds one.
 */
public final class TenantStore implements TenantDirectory {

  private final Transactions tx;

  public TenantStore(Transactions tx) {
    this.tx = tx;
  }

  /** Adds a tenant (UTC unless set) if it is not known yet. */
  static void register(Connection c, UUID tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into reminder.tenant (tenant_id) values (?) on conflict do nothing")) {
      ps.setObject(1, tenantId);
      ps.executeUpdate();
    }
  }

  /** Registers a tenant or changes its zone. */
  public void put(UUID tenantId, ZoneId zone) {
    tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into reminder.tenant (tenant_id, time_zone) values (?, ?)"
                      + " on conflict (tenant_id) do update set time_zone = excluded.time_zone")) {
            ps.setObject(1, tenantId);
            ps.setString(2, zone.getId());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<TenantZone> tenants() {
    return tx.withoutTenant(
        c -> {
          List<TenantZone> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select tenant_id, time_zone from reminder.tenant order by tenant_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new TenantZone(rs.getObject(1, UUID.class), ZoneId.of(rs.getString(2))));
            }
          }
          return out;
        });
  }
}
