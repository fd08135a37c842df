package io.meshdesk.ai.knowledge;

import io.meshdesk.platform.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Solved tickets with their resolutions ({@code knowledge.resolutions}, row-level secured) and the
 * registry of tenants the worker knows ({@code knowledge.tenants}).
 */
public final class ResolutionStore {

  private final Transactions tx;

  public ResolutionStore(Transactions tx) {
    this.tx = tx;
  }

  /** The transactions it runs in (shared with the other knowledge stores). */
  Transactions transactions() {
    return tx;
  }

  /** Adds or replaces the resolution of a ticket (a ticket solved again replaces the old one). */
  public void upsert(Resolution r) {
    tx.inTenant(
        r.tenantId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into knowledge.resolutions (tenant_id, ticket_id, subject, problem, resolution, solved_at)"
                      + " values (?,?,?,?,?,?) on conflict (tenant_id, ticket_id) do update set subject = excluded.subject,"
                      + " problem = excluded.problem, resolution = excluded.resolution, solved_at = excluded.solved_at")) {
            ps.setObject(1, r.tenantId());
            ps.setObject(2, r.ticketId());
            ps.setString(3, r.subject());
            ps.setString(4, r.problem());
            ps.setString(5, r.resolution());
            ps.setTimestamp(6, Timestamp.from(r.solvedAt()));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Every resolution of the tenant. */
  public List<Resolution> all(UUID tenant) {
    return tx.inTenant(
        tenant,
        c -> {
          List<Resolution> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select ticket_id, subject, problem, resolution, solved_at from knowledge.resolutions");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Resolution(
                      tenant,
                      rs.getObject(1, UUID.class),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getTimestamp(5).toInstant()));
            }
          }
          return out;
        });
  }

  /** Records that the worker serves {@code tenant} (idempotent). */
  public void registerTenant(UUID tenant) {
    tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into knowledge.tenants (tenant_id) values (?) on conflict do nothing")) {
            ps.setObject(1, tenant);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Every tenant registered so far. */
  public List<UUID> tenants() {
    return tx.withoutTenant(
        c -> {
          List<UUID> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("select tenant_id from knowledge.tenants order by tenant_id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getObject(1, UUID.class));
            }
          }
          return out;
        });
  }

  /** Until when the tenant's solved tickets were caught up, or null if never. */
  public Instant syncedAt(UUID tenant) {
    return tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select resolutions_synced_at from knowledge.tenants where tenant_id = ?")) {
            ps.setObject(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
              Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
              return t == null ? null : t.toInstant();
            }
          }
        });
  }

  /** Moves the tenant's catch-up mark forward to {@code at} (never backwards). */
  public void markSynced(UUID tenant, Instant at) {
    tx.withoutTenant(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into knowledge.tenants (tenant_id, resolutions_synced_at) values (?, ?) on conflict (tenant_id)"
                      + " do update set resolutions_synced_at = greatest(knowledge.tenants.resolutions_synced_at,"
                      + " excluded.resolutions_synced_at)")) {
            ps.setObject(1, tenant);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.executeUpdate();
          }
          return null;
        });
  }
}
