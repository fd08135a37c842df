package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.ListTenantsRequest;
import io.meshdesk.api.identity.v1.ListTenantsResponse;
import io.meshdesk.api.identity.v1.TenantStatus;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshctl tenants list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List tenants, oldest first.")
@Rpc("meshdesk.identity.v1.IdentityService/ListTenants")
public final class TenantsListCommand extends IdentityCommand {

  /** Status filter values. */
  enum StatusFilter {
    active,
    suspended
  }

  @Option(names = "--status", description = "Only tenants in this state: ${COMPLETION-CANDIDATES}.")
  StatusFilter status;

  @Mixin PageOptions page;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    ListTenantsRequest.Builder req = ListTenantsRequest.newBuilder().setPage(page.request());
    if (status != null) {
      req.setStatus(
          status == StatusFilter.active
              ? TenantStatus.TENANT_STATUS_ACTIVE
              : TenantStatus.TENANT_STATUS_SUSPENDED);
    }
    ListTenantsResponse r = identity.listTenants(req.build());
    page.print(out(), r, () -> TenantsCommand.table(r.getTenantsList()), r.getPage());
    return 0;
  }
}
