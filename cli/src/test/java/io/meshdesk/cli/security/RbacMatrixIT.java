package io.meshdesk.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.AiWorkerConfig;
import io.meshdesk.cli.demo.DemoSeed;
import io.meshdesk.cli.migrate.MigrateCommand;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.ledger.LedgerServer;
import io.meshdesk.platform.auth.AuthInterceptor;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.auth.TokenVerifier;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.platform.runtime.Shutdown;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import io.meshdesk.ticket.TicketServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The access table against what the three servers really serve: the RPCs come from the services
 * each server's wiring registers (not from a list), every one of them has a row in {@link Rbac},
 * and every RPC is called on the running server by every role and by a service account with and
 * without the grant, with real tokens signed by the identity server's key. Allowed means the call
 * got past authorisation (any status but PERMISSION_DENIED or UNAUTHENTICATED, e.g.
 * INVALID_ARGUMENT for the empty request); denied means PERMISSION_DENIED.
 */
class RbacMatrixIT {

  private static final Shutdown shared = new Shutdown();

  /** Long enough for a loaded machine; an allowed stream that stays open ends here. */
  private static final long STREAM_DEADLINE_SECONDS = 5;

  private static final long UNARY_DEADLINE_SECONDS = 30;

  /** Full method name to the channel of the server that registers it. */
  private static final Map<String, Registered> registered = new LinkedHashMap<>();

  private static TestTokens tokens;
  private static UUID tenant;

  private record Registered(MethodDescriptor<?, ?> method, ManagedChannel channel) {}

  /** Who calls: a name, a token, and whether the table lets them call a permission. */
  private record Caller(String name, String token, boolean allowed) {}

  @BeforeAll
  static void startTheThreeServers() {
    var db = TestEnvironment.get().newDatabase("rbacmatrix");
    MigrateCommand.applyAll(db);
    Infrastructure infra = new Infrastructure(db, TestEnvironment.get().newRedis("rbacmatrix"));
    TicketServer ticket =
        shared.register(
            TicketServer.start(
                infra, GrpcConfig.loopback().withPort(0, -1), null, IdentityConfig.defaults()));
    tenant =
        DemoSeed.seed(ticket.identity(), new PrintStream(OutputStream.nullOutputStream()))
            .tenantId();
    tokens = new TestTokens(ticket.identity().keys().signingKey());
    TokenVerifier verifier = ticket.identity().verifier();
    LedgerServer ledger =
        shared.register(
            LedgerServer.start(infra, GrpcConfig.loopback().withPort(0, -1), null, verifier));
    String identityTarget = "127.0.0.1:" + ticket.port();
    AiWorker worker =
        shared.register(
            AiWorker.start(
                infra,
                GrpcConfig.loopback().withPort(0, -1),
                null,
                verifier,
                t -> tokens.service(t, UUID.randomUUID(), Rbac.AI_WORKER_GRANTS),
                AiWorkerConfig.offline(identityTarget, "127.0.0.1:1")));
    register(ticket.services(), ticket.port());
    register(ledger.services(), ledger.port());
    register(worker.services(), worker.port());
  }

  @AfterAll
  static void stop() {
    shared.close();
  }

  @Test
  void everyRpcAServerRegistersHasAnAccessRule() {
    List<String> missing =
        registered.keySet().stream().filter(m -> Rbac.permissionFor(m).isEmpty()).toList();

    assertThat(missing).as("registered RPCs without an Rbac row").isEmpty();
    assertThat(registered).hasSizeGreaterThan(50);
  }

  @Test
  void accessTableNamesNoRpcThatNoServerRegisters() {
    assertThat(registered.keySet()).containsAll(Rbac.methods().keySet());
  }

  @TestFactory
  Stream<DynamicTest> everyCallerIsAllowedExactlyWhatTheTableGrants() {
    // Streams stay open when allowed, so they are all opened at once and end at their deadline
    // while the unary calls run one RPC at a time.
    Map<String, Map<Caller, CompletableFuture<Status>>> outcomes = new LinkedHashMap<>();
    List<String> unary = new ArrayList<>();
    for (var entry : registered.entrySet()) {
      String permission = Rbac.permissionFor(entry.getKey()).orElse(Rbac.PUBLIC);
      if (permission.equals(Rbac.PUBLIC)) { // public, or missing (reported above)
        continue;
      }
      if (entry.getValue().method().getType() == MethodDescriptor.MethodType.UNARY) {
        unary.add(entry.getKey());
      } else {
        outcomes.put(entry.getKey(), callAsEveryone(entry.getKey(), permission));
      }
    }
    for (String method : unary) {
      Map<Caller, CompletableFuture<Status>> calls =
          callAsEveryone(method, Rbac.permissionFor(method).orElseThrow());
      calls.values().forEach(CompletableFuture::join);
      outcomes.put(method, calls);
    }
    return outcomes.entrySet().stream()
        .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> assertDecisions(e.getValue())));
  }

  @TestFactory
  Stream<DynamicTest> publicRpcsNeedNoToken() {
    return registered.keySet().stream()
        .filter(m -> Rbac.PUBLIC.equals(Rbac.permissionFor(m).orElse(null)))
        .map(
            m ->
                DynamicTest.dynamicTest(
                    m,
                    () ->
                        assertThat(call(m, null).join().getCode())
                            .isNotEqualTo(Status.Code.PERMISSION_DENIED)));
  }

  private static void assertDecisions(Map<Caller, CompletableFuture<Status>> calls) {
    Map<String, String> wrong = new LinkedHashMap<>();
    calls.forEach(
        (caller, outcome) -> {
          Status status = outcome.join();
          boolean denied =
              status.getCode() == Status.Code.PERMISSION_DENIED
                  || status.getCode() == Status.Code.UNAUTHENTICATED;
          if (caller.allowed() == denied
              || (!caller.allowed() && status.getCode() != Status.Code.PERMISSION_DENIED)) {
            wrong.put(
                caller.name(),
                (caller.allowed() ? "expected allowed, got " : "expected denied, got ")
                    + status.getCode()
                    + " "
                    + status.getDescription());
          }
        });
    assertThat(wrong).as("callers decided against the table").isEmpty();
  }

  /** Calls the RPC once per role and per service account, all at once. */
  private static Map<Caller, CompletableFuture<Status>> callAsEveryone(
      String method, String permission) {
    Map<Caller, CompletableFuture<Status>> calls = new LinkedHashMap<>();
    for (Caller caller : callers(permission)) {
      calls.put(caller, call(method, caller.token()));
    }
    return calls;
  }

  /** Every role, plus a service account granted the permission and one granted another. */
  private static List<Caller> callers(String permission) {
    Set<Role> holders = Rbac.permissions().get(permission);
    boolean grantable = Rbac.serviceGrantable().contains(permission);
    String other = permission.equals("kb.read") ? "users.read" : "kb.read";
    List<Caller> callers = new ArrayList<>();
    for (Role role : Role.values()) {
      if (role == Role.SERVICE) {
        continue;
      }
      UUID tenantOf = role == Role.PLATFORM_ADMIN ? null : tenant;
      callers.add(
          new Caller(
              role.claim(),
              tokens.user(tenantOf, UUID.randomUUID(), role),
              holders.contains(role)));
    }
    boolean serviceByRole = holders.contains(Role.SERVICE);
    callers.add(
        new Caller(
            "service granted " + permission,
            tokens.service(tenant, UUID.randomUUID(), Set.of(permission)),
            serviceByRole || grantable));
    callers.add(
        new Caller(
            "service granted " + other + " only",
            tokens.service(tenant, UUID.randomUUID(), Set.of(other)),
            serviceByRole));
    return callers;
  }

  /**
   * One call with an empty (default) request; a stream is opened and, when the server keeps it,
   * cancelled by its deadline.
   */
  private static CompletableFuture<Status> call(String fullMethod, String token) {
    Registered target = registered.get(fullMethod);
    MethodDescriptor.MethodType type = target.method().getType();
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(type)
            .setFullMethodName(fullMethod)
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();
    boolean unary = type == MethodDescriptor.MethodType.UNARY;
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(
            unary ? UNARY_DEADLINE_SECONDS : STREAM_DEADLINE_SECONDS, TimeUnit.SECONDS);
    ClientCall<byte[], byte[]> call = target.channel().newCall(method, options);
    CompletableFuture<Status> closed = new CompletableFuture<>();
    Metadata headers = new Metadata();
    if (token != null) {
      headers.put(AuthInterceptor.AUTHORIZATION, "Bearer " + token);
    }
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        headers);
    call.request(1);
    if (!type.clientSendsOneMessage()) {
      return closed;
    }
    call.sendMessage(new byte[0]);
    call.halfClose();
    return closed;
  }

  private static void register(List<ServerServiceDefinition> services, int port) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    shared.<AutoCloseable>register(channel::shutdownNow);
    for (ServerServiceDefinition service : services) {
      for (var method : service.getMethods()) {
        MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();
        registered.put(descriptor.getFullMethodName(), new Registered(descriptor, channel));
      }
    }
  }

  /** Requests and responses as raw bytes: an empty message is the default request. */
  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
