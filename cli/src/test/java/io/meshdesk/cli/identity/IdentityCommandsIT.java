package io.meshdesk.cli.identity;

import static io.meshdesk.cli.CliRun.meshctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.cli.CliRun;
import io.meshdesk.cli.CliRun.Result;
import io.meshdesk.cli.common.Credentials;
import io.meshdesk.cli.common.CredentialsStore;
import io.meshdesk.cli.demo.DemoSeed;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.runtime.Infrastructure;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.ticket.TicketServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity commands of meshctl against a real ticket server (embedded PostgreSQL and Redis):
 * bootstrap, login/logout and the saved session, tenants, users, service accounts and the audit
 * log, as the roles that may and may not use them.
 */
class IdentityCommandsIT {

  private static final String ROOT_EMAIL = "root@cli-it.meshdesk.dev";
  private static final String ROOT_PASSWORD = "root-password-123";

  @TempDir static Path configDir;

  private static TicketServer server;
  private static String target;
  private static String bootstrapToken;
  private static Result bootstrap;
  private static String bootstrapFileMode;
  private static String bootstrapDirMode;
  private static DemoSeed.Seeded demo;
  private static String password;

  @BeforeAll
  static void startTicketServer() throws Exception {
    System.setProperty(CredentialsStore.DIR_PROPERTY, configDir.resolve("meshdesk").toString());
    TestEnvironment env = TestEnvironment.get();
    Infrastructure infra =
        new Infrastructure(env.newDatabase("cli-identity"), env.newRedis("cli-identity"));
    io.meshdesk.platform.db.Migrations.apply(infra.database(), TicketServer.CHANGELOGS);
    server =
        TicketServer.start(
            infra,
            GrpcConfig.loopback().withPort(0, -1),
            null,
            io.meshdesk.identity.domain.IdentityConfig.defaults());
    target = "127.0.0.1:" + server.port();
    // Bootstrap needs an installation without platform admin, so it runs before the demo seed.
    bootstrapToken = server.identity().generatedBootstrapToken().orElseThrow();
    bootstrap =
        CliRun.withStdin(
            bootstrapToken + "\n" + ROOT_PASSWORD + "\n",
            "bootstrap",
            "--target",
            target,
            "--email",
            ROOT_EMAIL,
            "--display-name",
            "Root",
            "--token-stdin",
            "--password-stdin");
    if (Files.exists(store().file())) {
      bootstrapFileMode =
          PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file()));
      bootstrapDirMode =
          PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file().getParent()));
    }
    demo =
        DemoSeed.seed(
            server.identity(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    password = demo.logins().get(0)[2];
  }

  @AfterAll
  static void stopTicketServer() {
    if (server != null) {
      server.close();
    }
    System.clearProperty(CredentialsStore.DIR_PROPERTY);
  }

  private static CredentialsStore store() {
    return CredentialsStore.standard();
  }

  /** Logs in through meshctl as a demo user ({@code tenant} empty for the platform admin). */
  private static Result login(String tenant, String email) {
    Result r =
        tenant.isEmpty()
            ? CliRun.withStdin(
                password + "\n", "login", "--target", target, "--email", email, "--password-stdin")
            : CliRun.withStdin(
                password + "\n",
                "login",
                "--target",
                target,
                "--tenant",
                tenant,
                "--email",
                email,
                "--password-stdin");
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  private static String firstUuid(String text) {
    Matcher m =
        Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            .matcher(text);
    assertThat(m.find()).as("a UUID in: " + text).isTrue();
    return m.group();
  }

  private static void assertOneLineError(Result r, String prefix) {
    assertThat(r.err()).startsWith(prefix).doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void bootstrapCreatesThePlatformAdminAndSavesAnOwnerOnlySession() {
    assertThat(bootstrap.exit()).as(bootstrap.err()).isZero();
    assertThat(bootstrap.out())
        .contains(ROOT_EMAIL, "platform_admin")
        .doesNotContain(ROOT_PASSWORD, bootstrapToken);
    assertThat(bootstrapFileMode).isEqualTo("rw-------");
    assertThat(bootstrapDirMode).isEqualTo("rwx------");
  }

  @Test
  void secondBootstrapIsRefusedAsFailedPrecondition() {
    Result r =
        CliRun.withStdin(
            bootstrapToken + "\n" + ROOT_PASSWORD + "\n",
            "bootstrap",
            "--target",
            target,
            "--email",
            "other@cli-it.meshdesk.dev",
            "--display-name",
            "Other",
            "--token-stdin",
            "--password-stdin");
    assertThat(r.exit()).isEqualTo(5);
    assertOneLineError(r, "meshctl: FAILED_PRECONDITION");
  }

  @Test
  void loginSavesAnOwnerOnlySessionAndPrintsNoSecret() throws Exception {
    Result r = login("demo", "admin@demo.meshdesk.dev");

    Credentials saved = store().load().orElseThrow();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file())))
        .isEqualTo("rw-------");
    assertThat(saved.email()).isEqualTo("admin@demo.meshdesk.dev");
    assertThat(saved.tenant()).isEqualTo("demo");
    assertThat(saved.role()).isEqualTo("admin");
    assertThat(saved.target()).isEqualTo(target);
    assertThat(r.out())
        .contains("admin@demo.meshdesk.dev")
        .doesNotContain(saved.accessToken(), saved.refreshToken(), password);
    assertThat(saved.toString()).doesNotContain(saved.accessToken(), saved.refreshToken());

    Result who = meshctl("whoami", "--target", target);
    assertThat(who.exit()).as(who.err()).isZero();
    assertThat(who.out())
        .contains("admin@demo.meshdesk.dev", "admin", "demo (" + demo.tenantId() + ")")
        .doesNotContain(saved.accessToken());

    Result json = meshctl("whoami", "--target", target, "--output", "json");
    assertThat(json.out().strip())
        .startsWith("{")
        .endsWith("}")
        .contains("\"principal\"", "\"ROLE_ADMIN\"");
  }

  @Test
  void wrongPasswordIsUnauthenticatedAndSavesNothing() {
    meshctl("logout");
    Result r =
        CliRun.withStdin(
            "not-the-password\n",
            "login",
            "--target",
            target,
            "--tenant",
            "demo",
            "--email",
            "manager@demo.meshdesk.dev",
            "--password-stdin");
    assertThat(r.exit()).isEqualTo(4);
    assertOneLineError(r, "meshctl: UNAUTHENTICATED");
    assertThat(store().file()).doesNotExist();
  }

  @Test
  void platformAdminCreatesListsSuspendsAndReactivatesTenants() {
    login("", "platform@demo.meshdesk.dev");

    Result created =
        CliRun.withStdin(
            "acme-admin-password\n",
            "tenants",
            "create",
            "--target",
            target,
            "--slug",
            "acme",
            "--display-name",
            "Acme Inc",
            "--time-zone",
            "Europe/Paris",
            "--admin-email",
            "boss@acme.example",
            "--admin-display-name",
            "Acme Boss",
            "--admin-password-stdin");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("acme", "Europe/Paris", "active")
        .doesNotContain("acme-admin-password");
    String acme = firstUuid(created.out());

    Result list = meshctl("tenants", "list", "--target", target);
    assertThat(list.out().lines().findFirst().orElseThrow())
        .startsWith("ID")
        .contains("SLUG", "STATUS");
    assertThat(list.out()).contains("acme", "demo");

    Result suspended =
        meshctl("tenants", "suspend", acme, "--reason", "unpaid invoices", "--target", target);
    assertThat(suspended.exit()).as(suspended.err()).isZero();
    assertThat(suspended.out()).contains("suspended", "unpaid invoices");
    assertThat(meshctl("tenants", "list", "--status", "suspended", "--target", target).out())
        .contains("acme")
        .doesNotContain("Demo Corp");

    Result reactivated = meshctl("tenants", "reactivate", acme, "--target", target);
    assertThat(reactivated.exit()).as(reactivated.err()).isZero();
    Result json = meshctl("tenants", "get", acme, "--target", target, "--output", "json");
    assertThat(json.out().strip())
        .startsWith("{")
        .contains("\"tenant\"", "\"slug\": \"acme\"", "TENANT_STATUS_ACTIVE");

    Result audit =
        meshctl("audit", "list", "--tenant", acme, "--target", target, "--output", "json");
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("tenant.suspended", "tenant.reactivated");
  }

  @Test
  void tenantAdminCreatesListsChangesAndDeactivatesUsers() {
    login("demo", "admin@demo.meshdesk.dev");

    Result created =
        CliRun.withStdin(
            "new-agent-password\n",
            "users",
            "create",
            "--target",
            target,
            "--email",
            "new.agent@demo.meshdesk.dev",
            "--display-name",
            "New Agent",
            "--role",
            "agent",
            "--password-stdin");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).contains("new.agent@demo.meshdesk.dev", "agent", "active");
    String id = firstUuid(created.out());

    Result list = meshctl("users", "list", "--target", target);
    assertThat(list.out()).contains("new.agent@demo.meshdesk.dev", "manager@demo.meshdesk.dev");

    Result promoted = meshctl("users", "set-role", id, "--role", "manager", "--target", target);
    assertThat(promoted.exit()).as(promoted.err()).isZero();
    assertThat(promoted.out()).contains("manager");

    Result deactivated = meshctl("users", "deactivate", id, "--reason", "left", "--target", target);
    assertThat(deactivated.exit()).as(deactivated.err()).isZero();
    Result json = meshctl("users", "get", id, "--target", target, "--output", "json");
    assertThat(json.out().strip())
        .startsWith("{")
        .contains("\"user\"", "USER_STATUS_DEACTIVATED", "ROLE_MANAGER");

    Result audit = meshctl("audit", "list", "--target", target);
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("user.created", "user.role_changed", "user.deactivated");
    Result auditJson =
        meshctl(
            "audit", "list", "--action", "user.created", "--target", target, "--output", "json");
    assertThat(auditJson.out().strip())
        .startsWith("{")
        .contains("\"events\"", "user.created")
        .doesNotContain("user.deactivated");
  }

  @Test
  void agentMayNotCreateUsers() {
    login("demo", "agent@demo.meshdesk.dev");

    Result r =
        meshctl(
            "users",
            "create",
            "--target",
            target,
            "--email",
            "sneaky@demo.meshdesk.dev",
            "--display-name",
            "Sneaky",
            "--role",
            "admin");

    assertThat(r.exit()).isEqualTo(4);
    assertOneLineError(r, "meshctl: PERMISSION_DENIED");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void invalidEmailIsRejectedAndNothingIsCreated() {
    login("demo", "admin@demo.meshdesk.dev");

    Result r =
        meshctl(
            "users",
            "create",
            "--target",
            target,
            "--email",
            "not-an-email",
            "--display-name",
            "Nobody",
            "--role",
            "customer");

    assertThat(r.exit()).isEqualTo(5);
    assertOneLineError(r, "meshctl: INVALID_ARGUMENT");
    assertThat(
            meshctl("users", "list", "--query", "Nobody", "--target", target, "--output", "json")
                .out())
        .doesNotContain("not-an-email");
  }

  @Test
  void badFlagsAreAOneLineUsageErrorAndSendNothing() {
    Result unknownRole =
        meshctl(
            "users",
            "create",
            "--target",
            target,
            "--email",
            "x@demo.meshdesk.dev",
            "--display-name",
            "X",
            "--role",
            "boss");
    assertThat(unknownRole.exit()).isEqualTo(2);
    assertOneLineError(unknownRole, "meshctl: ");

    Result noTeams =
        meshctl("users", "set-teams", "00000000-0000-0000-0000-000000000001", "--target", target);
    assertThat(noTeams.exit()).isEqualTo(2);
    assertOneLineError(noTeams, "meshctl: give either one or more --team or --none");

    Result badTime = meshctl("audit", "list", "--since", "yesterday", "--target", target);
    assertThat(badTime.exit()).isEqualTo(2);
    assertOneLineError(badTime, "meshctl: --since must be an ISO-8601 instant");
  }

  @Test
  void serviceAccountSecretIsShownOnceOnCreateOnly() {
    login("demo", "admin@demo.meshdesk.dev");

    Result created =
        meshctl(
            "service-accounts",
            "create",
            "--target",
            target,
            "--name",
            "importer",
            "--description",
            "CSV import",
            "--permission",
            "tickets.create",
            "--permission",
            "tickets.read");
    assertThat(created.exit()).as(created.err()).isZero();
    Matcher m = Pattern.compile("Client secret: (\\S+)").matcher(created.out());
    assertThat(m.find()).as(created.out()).isTrue();
    String secret = m.group(1);
    assertThat(created.out()).containsOnlyOnce(secret).contains("shown only this once");
    String id = firstUuid(created.out());

    Result list = meshctl("service-accounts", "list", "--target", target);
    assertThat(list.out()).contains("importer", "tickets.create").doesNotContain(secret);
    Result listJson = meshctl("service-accounts", "list", "--target", target, "--output", "json");
    assertThat(listJson.out().strip())
        .startsWith("{")
        .contains("\"service_accounts\"")
        .doesNotContain(secret);

    Result revoked =
        meshctl("service-accounts", "revoke", id, "--reason", "done", "--target", target);
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(meshctl("service-accounts", "list", "--target", target).out())
        .doesNotContain("importer");
    assertThat(meshctl("service-accounts", "list", "--include-revoked", "--target", target).out())
        .contains("importer");
    assertThat(meshctl("audit", "list", "--target", target).out())
        .contains("service_account.created", "service_account.revoked")
        .doesNotContain(secret);
  }

  @Test
  void expiredSavedAccessTokenIsRefreshedBeforeTheCall() {
    login("demo", "manager@demo.meshdesk.dev");
    Credentials saved = store().load().orElseThrow();
    store()
        .save(
            new Credentials(
                saved.target(),
                false,
                "expired-token",
                Instant.now().minusSeconds(60),
                saved.refreshToken(),
                saved.tenant(),
                saved.role(),
                saved.email()));

    Result who = meshctl("whoami", "--target", target);

    assertThat(who.exit()).as(who.err()).isZero();
    assertThat(who.out()).contains("manager@demo.meshdesk.dev");
    Credentials renewed = store().load().orElseThrow();
    assertThat(renewed.accessToken()).isNotEqualTo("expired-token");
    assertThat(renewed.refreshToken()).isNotEqualTo(saved.refreshToken());
    assertThat(renewed.accessTokenExpiresAt()).isAfter(Instant.now());
  }

  @Test
  void logoutDeletesTheSessionAndLaterCallsAreUnauthenticated() {
    login("demo", "customer@demo.meshdesk.dev");

    Result out = meshctl("logout");
    assertThat(out.exit()).as(out.err()).isZero();
    assertThat(store().file()).doesNotExist();

    Result who = meshctl("whoami", "--target", target);
    assertThat(who.exit()).isEqualTo(4);
    assertOneLineError(who, "meshctl: UNAUTHENTICATED");
  }
}
