package io.meshdesk.identity.grpc;

import io.meshdesk.api.identity.v1.CreateTenantRequest;
import io.meshdesk.api.identity.v1.CreateTenantResponse;
import io.meshdesk.api.identity.v1.GetTenantRequest;
import io.meshdesk.api.identity.v1.GetTenantResponse;
import io.meshdesk.api.identity.v1.InitialAdmin;
import io.meshdesk.api.identity.v1.ListTenantsRequest;
import io.meshdesk.api.identity.v1.ListTenantsResponse;
import io.meshdesk.api.identity.v1.ReactivateTenantRequest;
import io.meshdesk.api.identity.v1.ReactivateTenantResponse;
import io.meshdesk.api.identity.v1.SuspendTenantRequest;
import io.meshdesk.api.identity.v1.SuspendTenantResponse;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.Tenant;
import io.meshdesk.identity.service.TenantService;
import io.meshdesk.platform.auth.AuthContext;
import java.util.UUID;

/** Tenant calls of IdentityService (platform administration). */
final class TenantCalls {

  private final TenantService tenants;

  TenantCalls(TenantService tenants) {
    this.tenants = tenants;
  }

  CreateTenantResponse createTenant(CreateTenantRequest r) {
    InitialAdmin a = r.getInitialAdmin();
    var created =
        tenants.create(
            AuthContext.principal(),
            r.getSlug(),
            r.getDisplayName(),
            r.getTimeZone(),
            a.getEmail(),
            a.getDisplayName(),
            a.getPassword());
    return CreateTenantResponse.newBuilder()
        .setTenant(IdentityMapper.tenant(created.tenant()))
        .setAdmin(IdentityMapper.user(created.admin()))
        .build();
  }

  ListTenantsResponse listTenants(ListTenantsRequest r) {
    Boolean active =
        switch (r.getStatus()) {
          case TENANT_STATUS_ACTIVE -> true;
          case TENANT_STATUS_SUSPENDED -> false;
          default -> null;
        };
    Page<Tenant> page = tenants.list(active, r.getPage().getPageSize(), r.getPage().getPageToken());
    return ListTenantsResponse.newBuilder()
        .addAllTenants(page.items().stream().map(IdentityMapper::tenant).toList())
        .setPage(IdentityMapper.next(page))
        .build();
  }

  GetTenantResponse getTenant(GetTenantRequest r) {
    return GetTenantResponse.newBuilder()
        .setTenant(IdentityMapper.tenant(tenants.get(UUID.fromString(r.getTenantId()))))
        .build();
  }

  SuspendTenantResponse suspendTenant(SuspendTenantRequest r) {
    Tenant t =
        tenants.suspend(AuthContext.principal(), UUID.fromString(r.getTenantId()), r.getReason());
    return SuspendTenantResponse.newBuilder().setTenant(IdentityMapper.tenant(t)).build();
  }

  ReactivateTenantResponse reactivateTenant(ReactivateTenantRequest r) {
    Tenant t = tenants.reactivate(AuthContext.principal(), UUID.fromString(r.getTenantId()));
    return ReactivateTenantResponse.newBuilder().setTenant(IdentityMapper.tenant(t)).build();
  }
}
