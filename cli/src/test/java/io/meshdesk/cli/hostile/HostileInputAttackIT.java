package io.meshdesk.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.DynamicMessage;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.cli.hostile.HostileVariants.Variant;
import io.meshdesk.cli.hostile.RegisteredMethods.Registered;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input to every method every server registers (found by reflection, so a new RPC is walked
 * without anyone listing it), over the network against the system {@code meshctl dev} starts: real
 * PostgreSQL, real tokens of a role allowed to call the method. Each hostile variant of a valid
 * request must be refused as a client error, write nothing, and leave the server SERVING.
 */
@TestMethodOrder(OrderAnnotation.class)
class HostileInputAttackIT {

  private static final Set<Status.Code> SERVER_ERRORS =
      Set.of(Status.Code.INTERNAL, Status.Code.UNKNOWN);

  /** Answers meaning the caller, not the request, was refused: the walk would test nothing. */
  private static final Set<Status.Code> REFUSED_CALLER =
      Set.of(Status.Code.UNAUTHENTICATED, Status.Code.PERMISSION_DENIED);

  /** Role preferred as the caller when several may call a method. */
  private static final List<Role> CALLERS =
      List.of(Role.ADMIN, Role.PLATFORM_ADMIN, Role.CUSTOMER, Role.AGENT, Role.MANAGER);

  private static final long STREAM_WAIT_MILLIS = 3_000;

  private static final Shutdown shutdown = new Shutdown();
  private static final List<ManagedChannel> channels = new ArrayList<>();
  private static final List<Registered> methods = new ArrayList<>();
  private static DemoFixture fixture;
  private static DatabaseFingerprint database;

  @BeforeAll
  static void startDev() throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DevCommand.Running running =
        dev.start(shutdown, new PrintStream(out, true, StandardCharsets.UTF_8));
    ManagedChannel ticket = channel(running.ticketPort());
    ManagedChannel ledger = channel(running.ledgerPort());
    ManagedChannel worker = channel(running.workerPort());
    fixture =
        new DemoFixture(
            ticket, ledger, worker, CliRun.demoPassword(out.toString(StandardCharsets.UTF_8)));
    methods.addAll(RegisteredMethods.of("ticket-server", ticket));
    methods.addAll(RegisteredMethods.of("ledger-server", ledger));
    methods.addAll(RegisteredMethods.of("ai-worker", worker));
    database =
        new DatabaseFingerprint(
            "jdbc:postgresql://127.0.0.1:" + running.postgresPort() + "/meshdesk",
            "postgres",
            "postgres");
  }

  @AfterAll
  static void stopDev() throws Exception {
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (database != null) {
      database.close();
    }
    shutdown.close();
  }

  @Test
  @Order(1)
  void everyHostileVariantOfEveryMethodIsAClientErrorThatWritesNothing() throws Exception {
    awaitQuietDatabase();
    List<String> missingSamples = new ArrayList<>();
    List<String> serverErrors = new ArrayList<>();
    List<String> writes = new ArrayList<>();
    List<String> unhealthy = new ArrayList<>();
    List<String> notReached = new ArrayList<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int walked = 0;
    for (Registered m : methods) {
      var sample = RequestSamples.of(m.fullName(), m.method().getInputType(), fixture.ids);
      if (sample.isEmpty()) {
        missingSamples.add(m.fullName());
        continue;
      }
      walked++;
      var raw =
          RawCall.method(
              m.fullName(), m.method().isClientStreaming(), m.method().isServerStreaming());
      String token = callerToken(m.fullName());
      Map<String, String> before = database.take();
      List<String> accepted = new ArrayList<>();
      for (Variant v : HostileVariants.of(m.method().getInputType(), sample.get().toByteArray())) {
        kinds.merge(v.kind(), 1, Integer::sum);
        Status status =
            admitted(() -> RawCall.send(m.channel(), raw, token, v.bytes(), STREAM_WAIT_MILLIS));
        if (SERVER_ERRORS.contains(status.getCode())) {
          serverErrors.add(
              m.fullName()
                  + " ["
                  + v.name()
                  + "]: "
                  + status.getCode()
                  + " "
                  + status.getDescription());
        } else if (token != null && REFUSED_CALLER.contains(status.getCode())) {
          notReached.add(
              m.fullName()
                  + " ["
                  + v.name()
                  + "]: "
                  + status.getCode()
                  + " "
                  + status.getDescription());
        } else if (status.isOk()) {
          accepted.add(v.name());
        }
      }
      List<String> changed = DatabaseFingerprint.changed(before, database.take());
      if (!changed.isEmpty()) {
        writes.add(
            m.fullName() + " wrote " + changed + " (variants answered OK: " + accepted + ")");
      }
      ServingStatus health =
          HealthGrpc.newBlockingStub(m.channel())
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      if (health != ServingStatus.SERVING) {
        unhealthy.add(m.server() + " after " + m.fullName() + ": " + health);
      }
    }
    System.out.printf(
        "hostile input: %d methods registered, %d walked, %d hostile variants sent %s%n",
        methods.size(), walked, kinds.values().stream().mapToInt(Integer::intValue).sum(), kinds);

    assertSoftly(
        softly -> {
          softly
              .assertThat(missingSamples)
              .as("registered methods without a valid sample request")
              .isEmpty();
          softly
              .assertThat(serverErrors)
              .as("hostile requests answered as a server error")
              .isEmpty();
          softly.assertThat(writes).as("hostile requests that wrote to the database").isEmpty();
          softly.assertThat(unhealthy).as("servers no longer SERVING").isEmpty();
          softly
              .assertThat(notReached)
              .as("hostile requests refused the caller (the walk must call as an allowed role)")
              .isEmpty();
          softly.assertThat(methods.size()).as("methods registered").isGreaterThan(80);
        });
  }

  @Test
  @Order(2)
  void everySampleIsAValidRequestSoTheVariantsChangeOneThingEach() throws Exception {
    List<String> refused = new ArrayList<>();
    for (Registered m : methods) {
      Optional<DynamicMessage> sample =
          RequestSamples.of(m.fullName(), m.method().getInputType(), fixture.ids);
      if (sample.isEmpty()) {
        continue; // reported by the walk
      }
      var raw =
          RawCall.method(
              m.fullName(), m.method().isClientStreaming(), m.method().isServerStreaming());
      String token = callerToken(m.fullName());
      Status status =
          admitted(
              () ->
                  RawCall.send(
                      m.channel(), raw, token, sample.get().toByteArray(), STREAM_WAIT_MILLIS));
      if (status.getCode() == Status.Code.INVALID_ARGUMENT
          || SERVER_ERRORS.contains(status.getCode())
          || (token != null && REFUSED_CALLER.contains(status.getCode()))) {
        refused.add(m.fullName() + ": " + status.getCode() + " " + status.getDescription());
      }
    }
    assertThat(refused).as("samples refused as invalid, or their caller refused").isEmpty();
  }

  /**
   * The answer once admission control lets the call in: 1 MB requests make the servers' adaptive
   * limit push back, and a refused call would test admission instead of the request.
   */
  private static Status admitted(Callable<Status> call) {
    AtomicReference<Status> answer = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Status s = call.call();
              answer.set(s);
              return !(s.getCode() == Status.Code.RESOURCE_EXHAUSTED
                  && String.valueOf(s.getDescription()).startsWith("server overloaded"));
            });
    return answer.get();
  }

  /** A token of a role the access table lets call the method; none for public methods. */
  private static String callerToken(String fullName) {
    String permission = Rbac.permissionFor(fullName).orElse(Rbac.PUBLIC);
    if (permission.equals(Rbac.PUBLIC)) {
      return null;
    }
    Set<Role> roles = Rbac.permissions().get(permission);
    return CALLERS.stream()
        .filter(roles::contains)
        .findFirst()
        .map(fixture.tokens::get)
        .orElseGet(() -> fixture.tokens.get(Role.SERVICE));
  }

  /** Background work started by the fixture (AI triage of its ticket...) settles first. */
  private static void awaitQuietDatabase() {
    AtomicReference<Map<String, String>> last = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Map<String, String> now = database.take();
              return Objects.equals(last.getAndSet(now), now);
            });
  }

  private static ManagedChannel channel(int port) {
    ManagedChannel c =
        ManagedChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMessageSize(16 << 20)
            .build();
    channels.add(c);
    return c;
  }
}
