package io.meshdesk.dist.topology;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.BootstrapRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountResponse;
import io.meshdesk.api.identity.v1.CreateTenantRequest;
import io.meshdesk.api.identity.v1.CreateUserRequest;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.InitialAdmin;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.identity.v1.Role;
import io.meshdesk.testing.TestTokens;

/**
 * Sets up a fresh installation the way an operator does, over gRPC only: the first platform admin
 * from the bootstrap token, a tenant with its admin, an agent, and the AI worker's platform service
 * account.
 *
 * @param adminToken the tenant admin's access token
 * @param agentToken an agent's access token
 * @param aiClientId the AI worker's client id
 * @param aiClientSecret the AI worker's client secret
 */
record Seed(String adminToken, String agentToken, String aiClientId, String aiClientSecret) {

  static final String TENANT = "topo";
  private static final String PASSWORD = "correct horse battery staple";

  static Seed install(ManagedChannel identity, String bootstrapToken) {
    var stub = IdentityServiceGrpc.newBlockingStub(identity);
    String platform =
        stub.bootstrap(
                BootstrapRequest.newBuilder()
                    .setBootstrapToken(bootstrapToken)
                    .setEmail("root@topo.example")
                    .setPassword(PASSWORD)
                    .setDisplayName("Root")
                    .build())
            .getTokens()
            .getAccessToken();
    var asPlatform = stub.withCallCredentials(TestTokens.bearer(platform));
    asPlatform.createTenant(
        CreateTenantRequest.newBuilder()
            .setSlug(TENANT)
            .setDisplayName("Topology")
            .setTimeZone("UTC")
            .setInitialAdmin(
                InitialAdmin.newBuilder()
                    .setEmail("admin@topo.example")
                    .setDisplayName("Admin")
                    .setPassword(PASSWORD))
            .build());
    CreateServiceAccountResponse ai =
        asPlatform.createServiceAccount(
            CreateServiceAccountRequest.newBuilder()
                .setName("ai-worker")
                .setDescription("AI triage and drafts")
                .addPermissions("tickets.read")
                .addPermissions("tickets.comment")
                .addPermissions("suggestions.write")
                .addPermissions("kb.read")
                .addPermissions("ledger.read")
                .build());
    String admin = login(stub, "admin@topo.example");
    stub.withCallCredentials(TestTokens.bearer(admin))
        .createUser(
            CreateUserRequest.newBuilder()
                .setEmail("agent@topo.example")
                .setDisplayName("Agent")
                .setRole(Role.ROLE_AGENT)
                .setPassword(PASSWORD)
                .build());
    return new Seed(
        admin,
        login(stub, "agent@topo.example"),
        ai.getServiceAccount().getClientId(),
        ai.getClientSecret());
  }

  private static String login(IdentityServiceGrpc.IdentityServiceBlockingStub stub, String email) {
    return stub.login(
            LoginRequest.newBuilder()
                .setEmail(email)
                .setPassword(PASSWORD)
                .setTenantSlug(TENANT)
                .build())
        .getTokens()
        .getAccessToken();
  }
}
