package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.identity.v1.*;
import io.meshdesk.identity.domain.IdentityConfig;
import io.meshdesk.identity.grpc.IdentityGrpcService;
import io.meshdesk.platform.auth.DatabaseTenantGate;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.redis.Redis;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** IdentityService end to end over in-process gRPC against real PostgreSQL and Redis. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityApiIT {

  static final String BOOTSTRAP = "bootstrap-token-for-tests-0123";
  static final String PASSWORD = "correct horse battery";

  Database database;
  Redis redis;
  IdentityModule identity;
  InProcessGrpc grpc;
  IdentityServiceGrpc.IdentityServiceBlockingStub anon;
  String platformToken;
  Tenant tenantA;
  Tenant tenantB;
  String adminA;

  @BeforeAll
  void start() {
    TestEnvironment env = TestEnvironment.get();
    DatabaseConfig db = env.newDatabase("identityapi");
    Migrations.apply(db, List.of(IdentityModule.CHANGELOG));
    database = new Database(db, "identity-test");
    redis = new Redis(env.newRedis("identityapi"));
    IdentityConfig config =
        IdentityConfig.defaults().withLoginLimits(3, 1000).withBootstrapToken(BOOTSTRAP);
    identity = new IdentityModule(database.dataSource(), redis.client(), config, Clock.systemUTC());
    grpc =
        InProcessGrpc.start(
            List.of(IdentityGrpcService.withClientAddress(identity)),
            List.of(identity.interceptor()));
    anon = IdentityServiceGrpc.newBlockingStub(grpc.channel());
    platformToken =
        anon.bootstrap(
                BootstrapRequest.newBuilder()
                    .setBootstrapToken(BOOTSTRAP)
                    .setEmail("root@example.com")
                    .setPassword(PASSWORD)
                    .setDisplayName("Root")
                    .build())
            .getTokens()
            .getAccessToken();
    tenantA = createTenant("acme");
    tenantB = createTenant("globex");
    adminA = login("admin@acme.example", "acme").getTokens().getAccessToken();
  }

  @AfterAll
  void stop() {
    grpc.close();
    identity.close();
    redis.close();
    database.close();
  }

  Tenant createTenant(String slug) {
    return as(platformToken)
        .createTenant(
            CreateTenantRequest.newBuilder()
                .setSlug(slug)
                .setDisplayName(slug)
                .setTimeZone("UTC")
                .setInitialAdmin(
                    InitialAdmin.newBuilder()
                        .setEmail("admin@" + slug + ".example")
                        .setDisplayName("Admin " + slug)
                        .setPassword(PASSWORD))
                .build())
        .getTenant();
  }

  LoginResponse login(String email, String slug) {
    return anon.login(
        LoginRequest.newBuilder()
            .setEmail(email)
            .setPassword(PASSWORD)
            .setTenantSlug(slug)
            .build());
  }

  IdentityServiceGrpc.IdentityServiceBlockingStub as(String token) {
    return anon.withCallCredentials(TestTokens.bearer(token));
  }

  static Status.Code code(Runnable r) {
    try {
      r.run();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  @Test
  void bootstrapRefusesOnceAPlatformAdminExists() {
    assertThat(
            code(
                () ->
                    anon.bootstrap(
                        BootstrapRequest.newBuilder()
                            .setBootstrapToken(BOOTSTRAP)
                            .setEmail("x@example.com")
                            .setPassword(PASSWORD)
                            .setDisplayName("X")
                            .build())))
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void tenantAdminAskingForUserOfOtherTenantGetsNotFound() {
    String adminB = login("admin@globex.example", "globex").getTokens().getAccessToken();
    User bUser =
        as(adminB)
            .createUser(
                CreateUserRequest.newBuilder()
                    .setEmail("agent@globex.example")
                    .setDisplayName("B agent")
                    .setRole(io.meshdesk.api.identity.v1.Role.ROLE_AGENT)
                    .setPassword(PASSWORD)
                    .build())
            .getUser();
    assertThat(
            as(adminB)
                .getUser(GetUserRequest.newBuilder().setUserId(bUser.getId()).build())
                .getUser()
                .getEmail())
        .isEqualTo("agent@globex.example");
    assertThat(
            code(
                () ->
                    as(adminA)
                        .getUser(GetUserRequest.newBuilder().setUserId(bUser.getId()).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(
            code(
                () ->
                    as(adminA)
                        .deactivateUser(
                            DeactivateUserRequest.newBuilder().setUserId(bUser.getId()).build())))
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void badTokensAreUnauthenticated() throws Exception {
    ECKey key = identity.keys().signingKey();
    UUID sub = UUID.randomUUID();
    String good = sign(key, claims(sub, tenantA.getId()).build());
    assertThat(code(() -> as(good).whoAmI(WhoAmIRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.OK);
    String[] parts = good.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims(sub, tenantB.getId()).build().toString().getBytes())
            + "."
            + parts[2];
    String expired =
        sign(
            key,
            claims(sub, tenantA.getId())
                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                .build());
    String wrongAud = sign(key, claims(sub, tenantA.getId()).audience("other-api").build());
    String wrongIss = sign(key, claims(sub, tenantA.getId()).issuer("evil").build());
    String none = new com.nimbusds.jwt.PlainJWT(claims(sub, tenantA.getId()).build()).serialize();
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
            claims(sub, tenantA.getId()).build());
    hs.sign(
        new MACSigner(java.util.Arrays.copyOf(key.toPublicJWK().toJSONString().getBytes(), 64)));
    String otherKey = new TestTokens().user(UUID.fromString(tenantA.getId()), sub, Role.ADMIN);
    for (String bad :
        List.of(forged, expired, wrongAud, wrongIss, none, hs.serialize(), otherKey, "garbage")) {
      assertThat(code(() -> as(bad).whoAmI(WhoAmIRequest.getDefaultInstance())))
          .as(bad)
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  static JWTClaimsSet.Builder claims(UUID sub, String tenant) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("meshdesk")
        .audience("meshdesk-api")
        .subject(sub.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .jwtID(UUID.randomUUID().toString())
        .claim("typ", "access")
        .claim("role", "admin")
        .claim("tid", tenant);
  }

  static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  @Test
  void suspendedTenantTokensAreRefusedAtOnceOnEveryGateAndWorkAfterReactivation() {
    Tenant t = createTenant("initech");
    String token = login("admin@initech.example", "initech").getTokens().getAccessToken();
    try (DatabaseTenantGate otherInstance =
        new DatabaseTenantGate(
            database.dataSource(), redis.client(), Clock.systemUTC(), Duration.ofHours(1))) {
      UUID id = UUID.fromString(t.getId());
      assertThat(otherInstance.isActive(id)).isTrue();
      assertThat(code(() -> as(token).whoAmI(WhoAmIRequest.getDefaultInstance())))
          .isEqualTo(Status.Code.OK);
      as(platformToken)
          .suspendTenant(
              SuspendTenantRequest.newBuilder().setTenantId(t.getId()).setReason("unpaid").build());
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !otherInstance.isActive(id));
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  code(() -> as(token).whoAmI(WhoAmIRequest.getDefaultInstance()))
                      == Status.Code.UNAUTHENTICATED);
      as(platformToken)
          .reactivateTenant(ReactivateTenantRequest.newBuilder().setTenantId(t.getId()).build());
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> otherInstance.isActive(id));
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  code(() -> as(token).whoAmI(WhoAmIRequest.getDefaultInstance()))
                      == Status.Code.OK);
    }
  }

  @Test
  void refreshRotatesAndReuseRevokesTheFamily() {
    LoginResponse first = login("admin@acme.example", "acme");
    RefreshResponse second =
        anon.refresh(
            RefreshRequest.newBuilder()
                .setRefreshToken(first.getTokens().getRefreshToken())
                .build());
    assertThat(second.getTokens().getRefreshToken())
        .isNotEqualTo(first.getTokens().getRefreshToken());
    assertThat(
            code(
                () ->
                    anon.refresh(
                        RefreshRequest.newBuilder()
                            .setRefreshToken(first.getTokens().getRefreshToken())
                            .build())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(
            code(
                () ->
                    anon.refresh(
                        RefreshRequest.newBuilder()
                            .setRefreshToken(second.getTokens().getRefreshToken())
                            .build())))
        .as("the reuse revoked the whole family")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    LoginResponse s = login("admin@acme.example", "acme");
    assertThat(
            anon.logout(
                    LogoutRequest.newBuilder()
                        .setRefreshToken(s.getTokens().getRefreshToken())
                        .build())
                .getRevokedSessions())
        .isEqualTo(1);
    assertThat(
            code(
                () ->
                    anon.refresh(
                        RefreshRequest.newBuilder()
                            .setRefreshToken(s.getTokens().getRefreshToken())
                            .build())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void repeatedFailedLoginsAreRateLimitedWithoutRevealingTheAccount() {
    LoginRequest bad =
        LoginRequest.newBuilder()
            .setEmail("nobody@acme.example")
            .setPassword("wrong")
            .setTenantSlug("acme")
            .build();
    for (int i = 0; i < 3; i++) {
      assertThat(code(() -> anon.login(bad))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
    assertThatThrownBy(() -> anon.login(bad))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(e.getStatus().getDescription())
                  .contains("too many failed sign-in attempts");
            });
  }

  @Test
  void keyRotationKeepsOldTokensValidAndSignsNewOnesWithTheNewKey() throws Exception {
    String before = login("admin@acme.example", "acme").getTokens().getAccessToken();
    String oldKid = SignedJWT.parse(before).getHeader().getKeyID();
    RotateSigningKeyResponse r =
        as(platformToken).rotateSigningKey(RotateSigningKeyRequest.getDefaultInstance());
    assertThat(r.getActiveKey().getKid()).isNotEqualTo(oldKid);
    assertThat(r.getKeysList())
        .extracting(SigningKey::getKid)
        .contains(oldKid, r.getActiveKey().getKid());
    String after = login("admin@acme.example", "acme").getTokens().getAccessToken();
    assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(r.getActiveKey().getKid());
    assertThat(code(() -> as(before).whoAmI(WhoAmIRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.OK);
    assertThat(code(() -> as(after).whoAmI(WhoAmIRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.OK);
    assertThat(anon.getSigningKeys(GetSigningKeysRequest.getDefaultInstance()).getJwksJson())
        .contains(oldKid);
  }

  @Test
  void platformServiceAccountGetsATokenForANamedTenantWithOnlyItsGrants() {
    CreateServiceAccountResponse sa =
        as(platformToken)
            .createServiceAccount(
                CreateServiceAccountRequest.newBuilder()
                    .setName("ai-worker")
                    .addPermissions("suggestions.write")
                    .addPermissions("tickets.read")
                    .build());
    assertThat(sa.getServiceAccount().getPlatform()).isTrue();
    IssueServiceTokenResponse t =
        anon.issueServiceToken(
            IssueServiceTokenRequest.newBuilder()
                .setClientId(sa.getServiceAccount().getClientId())
                .setClientSecret(sa.getClientSecret())
                .setTenantId(tenantA.getId())
                .build());
    assertThat(t.getPrincipal().getTenantId()).isEqualTo(tenantA.getId());
    assertThat(t.getPrincipal().getPermissionsList())
        .containsExactlyInAnyOrder("suggestions.write", "tickets.read");
    assertThat(
            code(
                () ->
                    anon.issueServiceToken(
                        IssueServiceTokenRequest.newBuilder()
                            .setClientId(sa.getServiceAccount().getClientId())
                            .setClientSecret("wrong")
                            .build())))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(
            code(
                () ->
                    as(t.getTokens().getAccessToken())
                        .listUsers(ListUsersRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void auditLogRecordsChangesAndTenantAdminsSeeOnlyTheirTenant() {
    List<AuditEvent> own =
        as(adminA).listAuditEvents(ListAuditEventsRequest.getDefaultInstance()).getEventsList();
    assertThat(own)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getTenantId()).isEqualTo(tenantA.getId()));
    assertThat(own).extracting(AuditEvent::getAction).contains("tenant.created");
    List<AuditEvent> all =
        as(platformToken)
            .listAuditEvents(ListAuditEventsRequest.getDefaultInstance())
            .getEventsList();
    assertThat(all).extracting(AuditEvent::getAction).contains("platform.bootstrapped");
    assertThat(
            code(
                () ->
                    as(adminA)
                        .listAuditEvents(
                            ListAuditEventsRequest.newBuilder()
                                .setTenantId(tenantB.getId())
                                .build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }
}
