package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.ReactivateTenantRequest;
import io.meshdesk.api.identity.v1.ReactivateTenantResponse;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshctl tenants reactivate ID}. */
@Command(
    name = "reactivate",
    mixinStandardHelpOptions = true,
    description = "Reactivate a suspended tenant.")
@Rpc("meshdesk.identity.v1.IdentityService/ReactivateTenant")
public final class TenantsReactivateCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "TENANT_ID", description = "Tenant id (UUID).")
  String tenantId;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    ReactivateTenantResponse r =
        identity.reactivateTenant(
            ReactivateTenantRequest.newBuilder().setTenantId(tenantId).build());
    out().print(r, () -> TenantsCommand.table(List.of(r.getTenant())));
    return 0;
  }
}
