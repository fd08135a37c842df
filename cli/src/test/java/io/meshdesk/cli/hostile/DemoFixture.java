package io.meshdesk.cli.hostile;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.CreateServiceAccountRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.IssueServiceTokenRequest;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.identity.v1.LoginResponse;
import io.meshdesk.api.knowledge.v1.CreateArticleRequest;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.ledger.v1.Card;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.ledger.v1.ListCardsRequest;
import io.meshdesk.api.ticket.v1.CreateTeamRequest;
import io.meshdesk.api.ticket.v1.CreateTicketRequest;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestTokens;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo tenant of {@code meshctl dev} seen from outside: a real token per role (signed in, or
 * issued to a service account) and the ids the request samples name.
 */
final class DemoFixture {

  final Map<Role, String> tokens = new EnumMap<>(Role.class);
  final Map<String, String> ids = new HashMap<>();

  DemoFixture(
      ManagedChannel ticket, ManagedChannel ledger, ManagedChannel worker, String password) {
    var identity = IdentityServiceGrpc.newBlockingStub(ticket);
    for (Role role :
        new Role[] {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.CUSTOMER, Role.PLATFORM_ADMIN}) {
      String email =
          (role == Role.PLATFORM_ADMIN ? "platform" : role.name().toLowerCase())
              + "@demo.meshdesk.dev";
      LoginRequest.Builder login = LoginRequest.newBuilder().setEmail(email).setPassword(password);
      if (role != Role.PLATFORM_ADMIN) {
        login.setTenantSlug("demo");
      }
      LoginResponse r = identity.login(login.build());
      tokens.put(role, r.getTokens().getAccessToken());
      ids.put(role.name().toLowerCase(), r.getPrincipal().getSubjectId());
      if (role == Role.ADMIN) {
        ids.put("tenant", r.getPrincipal().getTenantId());
        ids.put("password", password);
      }
      if (role == Role.MANAGER) {
        // Sent to Refresh and Logout, which may end the session: the walk calls as someone else.
        ids.put("refresh", r.getTokens().getRefreshToken());
      }
    }
    var admin = identity.withCallCredentials(TestTokens.bearer(tokens.get(Role.ADMIN)));
    CreateServiceAccountResponse robot =
        admin.createServiceAccount(
            CreateServiceAccountRequest.newBuilder()
                .setName("hostile-input-robot")
                .setDescription("drafts suggestions")
                .addPermissions("suggestions.write")
                .addPermissions("tickets.read")
                .build());
    ids.put("client_id", robot.getServiceAccount().getClientId());
    ids.put("client_secret", robot.getClientSecret());
    tokens.put(
        Role.SERVICE,
        identity
            .issueServiceToken(
                IssueServiceTokenRequest.newBuilder()
                    .setClientId(robot.getServiceAccount().getClientId())
                    .setClientSecret(robot.getClientSecret())
                    .build())
            .getTokens()
            .getAccessToken());

    ids.put(
        "team",
        TicketServiceGrpc.newBlockingStub(ticket)
            .withCallCredentials(TestTokens.bearer(tokens.get(Role.ADMIN)))
            .createTeam(CreateTeamRequest.newBuilder().setName("Hostile input").build())
            .getTeam()
            .getId());
    ids.put(
        "ticket",
        TicketServiceGrpc.newBlockingStub(ticket)
            .withCallCredentials(TestTokens.bearer(tokens.get(Role.CUSTOMER)))
            .createTicket(
                CreateTicketRequest.newBuilder()
                    .setSubject("Card declined")
                    .setBody("Declined at the shop.")
                    .build())
            .getTicket()
            .getId());
    ids.put(
        "article",
        KnowledgeServiceGrpc.newBlockingStub(worker)
            .withCallCredentials(TestTokens.bearer(tokens.get(Role.ADMIN)))
            .createArticle(
                CreateArticleRequest.newBuilder()
                    .setTitle("Lost cards")
                    .setBody("Freeze the card.")
                    .build())
            .getArticle()
            .getId());
    Card card =
        LedgerServiceGrpc.newBlockingStub(ledger)
            .withCallCredentials(TestTokens.bearer(tokens.get(Role.CUSTOMER)))
            .listCards(ListCardsRequest.getDefaultInstance())
            .getCards(0);
    ids.put("card", card.getId());
    ids.put("product", card.getProductId());
  }
}
