package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.testing.TestTokens;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AI worker's service account, with the grants the dev seed gives it, through the real {@link
 * AuthInterceptor}: it may make the calls the worker makes, and nothing else.
 */
class AiWorkerGrantsTest {

  static final TestTokens TOKENS = new TestTokens();
  static final AuthInterceptor AUTH = TOKENS.interceptor();
  static final String WORKER =
      TOKENS.service(UUID.randomUUID(), UUID.randomUUID(), DemoSeed.AI_WORKER_GRANTS);

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

  static Status.Code decide(String fullMethod) {
    MethodDescriptor<Object, Object> md =
        MethodDescriptor.newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethod)
            .setRequestMarshaller(new Noop())
            .setResponseMarshaller(new Noop())
            .build();
    AtomicReference<Status.Code> result = new AtomicReference<>();
    ServerCall<Object, Object> call =
        new ServerCall<>() {
          @Override
          public void request(int n) {}

          @Override
          public void sendHeaders(Metadata headers) {}

          @Override
          public void sendMessage(Object message) {}

          @Override
          public void close(Status status, Metadata trailers) {
            result.set(status.getCode());
          }

          @Override
          public boolean isCancelled() {
            return false;
          }

          @Override
          public MethodDescriptor<Object, Object> getMethodDescriptor() {
            return md;
          }

          @Override
          public Attributes getAttributes() {
            return Attributes.EMPTY;
          }

          @Override
          public String getAuthority() {
            return "test";
          }
        };
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + WORKER);
    AUTH.interceptCall(
        call,
        headers,
        (c, h) -> {
          result.set(Status.Code.OK);
          return new ServerCall.Listener<>() {};
        });
    return result.get();
  }

  static final class Noop implements MethodDescriptor.Marshaller<Object> {
    @Override
    public java.io.InputStream stream(Object value) {
      return java.io.InputStream.nullInputStream();
    }

    @Override
    public Object parse(java.io.InputStream stream) {
      return null;
    }
  }
}
