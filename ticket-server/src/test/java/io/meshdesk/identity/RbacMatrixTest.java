package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.testing.TestTokens;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Representative RPCs called as each role through the real {@link AuthInterceptor}: the
 * interceptor's decision (pass to the handler, or PERMISSION_DENIED) is what is checked.
 */
class RbacMatrixTest {

  static final TestTokens TOKENS = new TestTokens();
  static final AuthInterceptor AUTH = TOKENS.interceptor();
  static final UUID TENANT = UUID.randomUUID();

  // columns: method, platform_admin, admin, manager, agent, customer, service(granted), service(not
  // granted), grant
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "meshdesk.identity.v1.IdentityService/CreateTenant,     Y,N,N,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/RotateSigningKey, Y,N,N,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/CreateUser,       N,Y,Y,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/UpdateUserRole,   N,Y,N,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/DeactivateUser,   N,Y,N,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/ListUsers,        N,Y,Y,Y,N, Y,N, users.read",
    "meshdesk.identity.v1.IdentityService/ListAuditEvents,  Y,Y,N,N,N, N,N, users.read",
    "meshdesk.identity.v1.IdentityService/WhoAmI,           Y,Y,Y,Y,Y, Y,Y, users.read",
    "meshdesk.ticket.v1.TicketService/CreateTicket,         N,Y,Y,Y,Y, Y,N, tickets.create",
    "meshdesk.ticket.v1.TicketService/AssignTicket,         N,Y,Y,Y,N, N,N, tickets.create",
    "meshdesk.ticket.v1.TicketService/SetSlaPolicy,         N,Y,N,N,N, N,N, tickets.create",
    "meshdesk.ticket.v1.TicketService/AttachSuggestion,     N,N,N,N,N, Y,N, suggestions.write",
    "meshdesk.knowledge.v1.KnowledgeService/CreateArticle,  N,Y,Y,N,N, Y,N, kb.write",
    "meshdesk.ledger.v1.LedgerService/Purchase,             N,Y,N,N,N, Y,N, ledger.post",
    "meshdesk.ledger.v1.LedgerService/GetBalance,           N,Y,Y,N,Y, Y,N, ledger.read",
    "meshdesk.ledger.v1.LedgerService/Audit,                N,Y,N,N,N, N,N, ledger.audit",
    "meshdesk.reminder.v1.ReminderService/RetryDeadLetter,  N,Y,N,N,N, N,N, reminders.read",
    "meshdesk.ai.v1.AssistantService/AskSpending,           N,Y,Y,N,Y, N,N, ledger.read",
  })
  void rolesGetExactlyTheirPermissions(
      String method,
      String pa,
      String admin,
      String manager,
      String agent,
      String customer,
      String svc,
      String svcNone,
      String grant) {
    Map<String, String> expected =
        Map.of(
            "platform_admin", TOKENS.user(null, UUID.randomUUID(), Role.PLATFORM_ADMIN),
            "admin", TOKENS.user(TENANT, UUID.randomUUID(), Role.ADMIN),
            "manager", TOKENS.user(TENANT, UUID.randomUUID(), Role.MANAGER),
            "agent", TOKENS.user(TENANT, UUID.randomUUID(), Role.AGENT),
            "customer", TOKENS.user(TENANT, UUID.randomUUID(), Role.CUSTOMER),
            "service", TOKENS.service(TENANT, UUID.randomUUID(), Set.of(grant)),
            "service-without-grant", TOKENS.service(TENANT, UUID.randomUUID(), Set.of("kb.read")));
    Map<String, String> want =
        Map.of(
            "platform_admin",
            pa,
            "admin",
            admin,
            "manager",
            manager,
            "agent",
            agent,
            "customer",
            customer,
            "service",
            svc,
            "service-without-grant",
            svcNone);
    want.forEach(
        (who, yn) ->
            assertThat(decide(method, expected.get(who)))
                .as(who + " on " + method)
                .isEqualTo(yn.equals("Y") ? Status.Code.OK : Status.Code.PERMISSION_DENIED));
  }

  @ParameterizedTest
  @CsvSource({
    "meshdesk.identity.v1.IdentityService/Login",
    "meshdesk.identity.v1.IdentityService/GetSigningKeys"
  })
  void publicMethodsNeedNoToken(String method) {
    assertThat(decide(method, null)).isEqualTo(Status.Code.OK);
  }

  @ParameterizedTest
  @CsvSource({"meshdesk.identity.v1.IdentityService/NoSuchMethod"})
  void unknownMethodsAreRefused(String method) {
    assertThat(decide(method, TOKENS.user(TENANT, UUID.randomUUID(), Role.ADMIN)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  static Status.Code decide(String fullMethod, String token) {
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
    if (token != null) {
      headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
    }
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
