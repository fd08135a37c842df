package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.meshdesk.platform.auth.AuthInterceptor;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AI worker's service account, with the grants {@link
 * io.meshdesk.platform.auth.Rbac#AI_WORKER_GRANTS} names, through the real {@link AuthInterceptor}:
 * it may make the calls the worker makes, and nothing else.
 */
class AiWorkerGrantsTest {

  static final String WORKER =
      RbacMatrixTest.TOKENS.service(
          UUID.randomUUID(), UUID.randomUUID(), io.meshdesk.platform.auth.Rbac.AI_WORKER_GRANTS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "meshdesk.ticket.v1.TicketService/GetTicket",
        "meshdesk.ticket.v1.TicketService/ListTickets",
        "meshdesk.ticket.v1.TicketService/ListComments",
        "meshdesk.ticket.v1.TicketService/AppendSuggestionDraft",
        "meshdesk.ticket.v1.TicketService/AttachSuggestion",
        "meshdesk.ticket.v1.TicketService/MarkAiUnavailable"
      })
  void workerAccountMayMakeTheCallsTheWorkerMakes(String method) {
    assertThat(decide(method)).isEqualTo(Status.Code.OK);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "meshdesk.ticket.v1.TicketService/AddComment",
        "meshdesk.ticket.v1.TicketService/CreateTicket",
        "meshdesk.knowledge.v1.KnowledgeService/SearchArticles",
        "meshdesk.ledger.v1.LedgerService/ListCards",
        "meshdesk.ledger.v1.LedgerService/ListTransactions",
        "meshdesk.identity.v1.IdentityService/ListUsers"
      })
  void workerAccountIsDeniedEverythingElse(String method) {
    assertThat(decide(method)).isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  /** What the real auth interceptor decides for the worker's token (see {@link RbacMatrixTest}). */
  static Status.Code decide(String fullMethod) {
    return RbacMatrixTest.decide(fullMethod, WORKER);
  }
}
