package io.meshdesk.scheduler;

import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** The tenants the scheduler works for, each with the time zone its days are counted in. */
public interface TenantDirectory {

  /**
   * A tenant and its zone.
   *
   * @param tenantId tenant id
   * @param zone IANA zone (UTC when the tenant has none)
   */
  record TenantZone(UUID tenantId, ZoneId zone) {}

  /** Every active tenant. */
  List<TenantZone> tenants();

  /** The zone of one tenant (UTC when unknown). */
  default ZoneId zoneOf(UUID tenantId) {
    return tenants().stream()
        .filter(t -> t.tenantId().equals(tenantId))
        .map(TenantZone::zone)
        .findFirst()
        .orElse(ZoneId.of("UTC"));
  }
}
