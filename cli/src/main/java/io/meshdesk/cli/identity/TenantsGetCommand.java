package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.GetTenantRequest;
import io.meshdesk.api.identity.v1.GetTenantResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code meshctl tenants get ID}. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show one tenant.")
@Rpc("meshdesk.identity.v1.IdentityService/GetTenant")
public final class TenantsGetCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "TENANT_ID", description = "Tenant id (UUID).")
  String tenantId;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    GetTenantResponse r =
        identity.getTenant(GetTenantRequest.newBuilder().setTenantId(tenantId).build());
    out().print(r, () -> TenantsCommand.table(List.of(r.getTenant())));
    return 0;
  }
}
