package io.meshdesk.cli.identity;

import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.api.identity.v1.SuspendTenantRequest;
import io.meshdesk.api.identity.v1.SuspendTenantResponse;
import io.meshdesk.cli.common.Rpc;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl tenants suspend ID --reason ...}. */
@Command(
    name = "suspend",
    mixinStandardHelpOptions = true,
    description = "Suspend a tenant: nobody in it can sign in or call any RPC until reactivated.")
@Rpc("meshdesk.identity.v1.IdentityService/SuspendTenant")
public final class TenantsSuspendCommand extends IdentityCommand {

  @Parameters(index = "0", paramLabel = "TENANT_ID", description = "Tenant id (UUID).")
  String tenantId;

  @Option(names = "--reason", required = true, description = "Why; kept in the audit log.")
  String reason;

  @Override
  int run(IdentityServiceBlockingStub identity) {
    SuspendTenantResponse r =
        identity.suspendTenant(
            SuspendTenantRequest.newBuilder().setTenantId(tenantId).setReason(reason).build());
    out().print(r, () -> TenantsCommand.table(List.of(r.getTenant())));
    return 0;
  }
}
