package io.meshdesk.identity.grpc;

import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import io.meshdesk.api.identity.v1.BootstrapRequest;
import io.meshdesk.api.identity.v1.BootstrapResponse;
import io.meshdesk.api.identity.v1.CreateServiceAccountRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountResponse;
import io.meshdesk.api.identity.v1.CreateTenantRequest;
import io.meshdesk.api.identity.v1.CreateTenantResponse;
import io.meshdesk.api.identity.v1.CreateUserRequest;
import io.meshdesk.api.identity.v1.CreateUserResponse;
import io.meshdesk.api.identity.v1.DeactivateUserRequest;
import io.meshdesk.api.identity.v1.DeactivateUserResponse;
import io.meshdesk.api.identity.v1.GetSigningKeysRequest;
import io.meshdesk.api.identity.v1.GetSigningKeysResponse;
import io.meshdesk.api.identity.v1.GetTenantRequest;
import io.meshdesk.api.identity.v1.GetTenantResponse;
import io.meshdesk.api.identity.v1.GetUserRequest;
import io.meshdesk.api.identity.v1.GetUserResponse;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.InitialAdmin;
import io.meshdesk.api.identity.v1.IssueServiceTokenRequest;
import io.meshdesk.api.identity.v1.IssueServiceTokenResponse;
import io.meshdesk.api.identity.v1.ListAuditEventsRequest;
import io.meshdesk.api.identity.v1.ListAuditEventsResponse;
import io.meshdesk.api.identity.v1.ListServiceAccountsRequest;
import io.meshdesk.api.identity.v1.ListServiceAccountsResponse;
import io.meshdesk.api.identity.v1.ListTenantsRequest;
import io.meshdesk.api.identity.v1.ListTenantsResponse;
import io.meshdesk.api.identity.v1.ListUsersRequest;
import io.meshdesk.api.identity.v1.ListUsersResponse;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.identity.v1.LoginResponse;
import io.meshdesk.api.identity.v1.LogoutRequest;
import io.meshdesk.api.identity.v1.LogoutResponse;
import io.meshdesk.api.identity.v1.ReactivateTenantRequest;
import io.meshdesk.api.identity.v1.ReactivateTenantResponse;
import io.meshdesk.api.identity.v1.RefreshRequest;
import io.meshdesk.api.identity.v1.RefreshResponse;
import io.meshdesk.api.identity.v1.RevokeServiceAccountRequest;
import io.meshdesk.api.identity.v1.RevokeServiceAccountResponse;
import io.meshdesk.api.identity.v1.RotateSigningKeyRequest;
import io.meshdesk.api.identity.v1.RotateSigningKeyResponse;
import io.meshdesk.api.identity.v1.SuspendTenantRequest;
import io.meshdesk.api.identity.v1.SuspendTenantResponse;
import io.meshdesk.api.identity.v1.UpdateUserRoleRequest;
import io.meshdesk.api.identity.v1.UpdateUserRoleResponse;
import io.meshdesk.api.identity.v1.UpdateUserTeamsRequest;
import io.meshdesk.api.identity.v1.UpdateUserTeamsResponse;
import io.meshdesk.api.identity.v1.WhoAmIRequest;
import io.meshdesk.api.identity.v1.WhoAmIResponse;
import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.identity.domain.SigningKeyInfo;
import io.meshdesk.identity.service.AuditTrail;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** gRPC face of the identity context: maps proto to the domain services and back. */
public final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {

  private final IdentityModule identity;

  public IdentityGrpcService(IdentityModule identity) {
    this.identity = identity;
  }

  /** This service with the client-address interceptor (sign-in rate limiting needs the source). */
  public static io.grpc.BindableService withClientAddress(IdentityModule identity) {
    IdentityGrpcService service = new IdentityGrpcService(identity);
    return () ->
        ServerInterceptors.intercept(
            service, new ClientAddressInterceptor(identity.config().trustedProxyHops()));
  }

  private static <T> void reply(StreamObserver<T> observer, T value) {
    observer.onNext(value);
    observer.onCompleted();
  }

  private static Principal me() {
    return AuthContext.principal();
  }

  private static UUID id(String s) {
    return UUID.fromString(s);
  }

  @Override
  public void login(LoginRequest r, StreamObserver<LoginResponse> o) {
    SignedIn s =
        identity
            .auth()
            .login(
                r.getEmail(),
                r.getPassword(),
                r.getTenantSlug(),
                ClientAddressInterceptor.ADDRESS.get());
    reply(
        o,
        LoginResponse.newBuilder()
            .setTokens(IdentityMapper.tokens(s.tokens()))
            .setPrincipal(IdentityMapper.principal(s))
            .build());
  }

  @Override
  public void refresh(RefreshRequest r, StreamObserver<RefreshResponse> o) {
    SignedIn s = identity.auth().refresh(r.getRefreshToken());
    reply(
        o,
        RefreshResponse.newBuilder()
            .setTokens(IdentityMapper.tokens(s.tokens()))
            .setPrincipal(IdentityMapper.principal(s))
            .build());
  }

  @Override
  public void logout(LogoutRequest r, StreamObserver<LogoutResponse> o) {
    reply(
        o,
        LogoutResponse.newBuilder()
            .setRevokedSessions(identity.auth().logout(r.getRefreshToken(), r.getAllSessions()))
            .build());
  }

  @Override
  public void issueServiceToken(
      IssueServiceTokenRequest r, StreamObserver<IssueServiceTokenResponse> o) {
    SignedIn s =
        identity
            .auth()
            .serviceToken(
                r.getClientId(), r.getClientSecret(), IdentityMapper.uuidOrNull(r.getTenantId()));
    reply(
        o,
        IssueServiceTokenResponse.newBuilder()
            .setTokens(IdentityMapper.tokens(s.tokens()))
            .setPrincipal(IdentityMapper.principal(s))
            .build());
  }

  @Override
  public void getSigningKeys(GetSigningKeysRequest r, StreamObserver<GetSigningKeysResponse> o) {
    List<SigningKeyInfo> keys = identity.keys().live();
    reply(
        o,
        GetSigningKeysResponse.newBuilder()
            .addAllKeys(keys.stream().map(IdentityMapper::key).toList())
            .setJwksJson(IdentityMapper.jwks(keys))
            .build());
  }

  @Override
  public void rotateSigningKey(
      RotateSigningKeyRequest r, StreamObserver<RotateSigningKeyResponse> o) {
    Duration overlap =
        r.hasPreviousKeyOverlap()
            ? Duration.ofSeconds(
                r.getPreviousKeyOverlap().getSeconds(), r.getPreviousKeyOverlap().getNanos())
            : null;
    String kid = identity.keys().rotate(me(), overlap, identity.audit());
    List<SigningKeyInfo> keys = identity.keys().live();
    RotateSigningKeyResponse.Builder b =
        RotateSigningKeyResponse.newBuilder()
            .addAllKeys(keys.stream().map(IdentityMapper::key).toList());
    keys.stream()
        .filter(k -> k.kid().equals(kid))
        .findFirst()
        .ifPresent(k -> b.setActiveKey(IdentityMapper.key(k)));
    reply(o, b.build());
  }

  @Override
  public void bootstrap(BootstrapRequest r, StreamObserver<BootstrapResponse> o) {
    SignedIn s =
        identity
            .bootstrapper()
            .bootstrap(r.getBootstrapToken(), r.getEmail(), r.getPassword(), r.getDisplayName());
    reply(
        o,
        BootstrapResponse.newBuilder()
            .setTokens(IdentityMapper.tokens(s.tokens()))
            .setPrincipal(IdentityMapper.principal(s))
            .build());
  }

  @Override
  public void whoAmI(WhoAmIRequest r, StreamObserver<WhoAmIResponse> o) {
    SignedIn s = identity.auth().describe(me());
    reply(o, WhoAmIResponse.newBuilder().setPrincipal(IdentityMapper.principal(s)).build());
  }

  @Override
  public void createTenant(CreateTenantRequest r, StreamObserver<CreateTenantResponse> o) {
    InitialAdmin a = r.getInitialAdmin();
    var created =
        identity
            .tenants()
            .create(
                me(),
                r.getSlug(),
                r.getDisplayName(),
                r.getTimeZone(),
                a.getEmail(),
                a.getDisplayName(),
                a.getPassword());
    reply(
        o,
        CreateTenantResponse.newBuilder()
            .setTenant(IdentityMapper.tenant(created.tenant()))
            .setAdmin(IdentityMapper.user(created.admin()))
            .build());
  }

  @Override
  public void listTenants(ListTenantsRequest r, StreamObserver<ListTenantsResponse> o) {
    Boolean active =
        switch (r.getStatus()) {
          case TENANT_STATUS_ACTIVE -> true;
          case TENANT_STATUS_SUSPENDED -> false;
          default -> null;
        };
    Page<io.meshdesk.identity.domain.Tenant> page =
        identity.tenants().list(active, r.getPage().getPageSize(), r.getPage().getPageToken());
    reply(
        o,
        ListTenantsResponse.newBuilder()
            .addAllTenants(page.items().stream().map(IdentityMapper::tenant).toList())
            .setPage(next(page))
            .build());
  }

  @Override
  public void getTenant(GetTenantRequest r, StreamObserver<GetTenantResponse> o) {
    reply(
        o,
        GetTenantResponse.newBuilder()
            .setTenant(IdentityMapper.tenant(identity.tenants().get(id(r.getTenantId()))))
            .build());
  }

  @Override
  public void suspendTenant(SuspendTenantRequest r, StreamObserver<SuspendTenantResponse> o) {
    var t = identity.tenants().suspend(me(), id(r.getTenantId()), r.getReason());
    reply(o, SuspendTenantResponse.newBuilder().setTenant(IdentityMapper.tenant(t)).build());
  }

  @Override
  public void reactivateTenant(
      ReactivateTenantRequest r, StreamObserver<ReactivateTenantResponse> o) {
    var t = identity.tenants().reactivate(me(), id(r.getTenantId()));
    reply(o, ReactivateTenantResponse.newBuilder().setTenant(IdentityMapper.tenant(t)).build());
  }

  @Override
  public void createUser(CreateUserRequest r, StreamObserver<CreateUserResponse> o) {
    var u =
        identity
            .users()
            .create(
                me(),
                r.getEmail(),
                r.getDisplayName(),
                IdentityMapper.role(r.getRole()),
                r.hasPassword() ? r.getPassword() : null,
                r.getTeamIdsList().stream().map(UUID::fromString).toList());
    reply(o, CreateUserResponse.newBuilder().setUser(IdentityMapper.user(u)).build());
  }

  @Override
  public void updateUserRole(UpdateUserRoleRequest r, StreamObserver<UpdateUserRoleResponse> o) {
    var u = identity.users().setRole(me(), id(r.getUserId()), IdentityMapper.role(r.getRole()));
    reply(o, UpdateUserRoleResponse.newBuilder().setUser(IdentityMapper.user(u)).build());
  }

  @Override
  public void updateUserTeams(UpdateUserTeamsRequest r, StreamObserver<UpdateUserTeamsResponse> o) {
    var u =
        identity
            .users()
            .setTeams(
                me(),
                id(r.getUserId()),
                r.getTeamIdsList().stream().map(UUID::fromString).toList());
    reply(o, UpdateUserTeamsResponse.newBuilder().setUser(IdentityMapper.user(u)).build());
  }

  @Override
  public void deactivateUser(DeactivateUserRequest r, StreamObserver<DeactivateUserResponse> o) {
    var u = identity.users().deactivate(me(), id(r.getUserId()), r.getReason());
    reply(o, DeactivateUserResponse.newBuilder().setUser(IdentityMapper.user(u)).build());
  }

  @Override
  public void listUsers(ListUsersRequest r, StreamObserver<ListUsersResponse> o) {
    Boolean active =
        switch (r.getStatus()) {
          case USER_STATUS_ACTIVE -> true;
          case USER_STATUS_DEACTIVATED -> false;
          default -> null;
        };
    var page =
        identity
            .users()
            .list(
                me(),
                IdentityMapper.role(r.getRole()),
                active,
                IdentityMapper.uuidOrNull(r.getTeamId()),
                r.getQuery(),
                r.getPage().getPageSize(),
                r.getPage().getPageToken());
    reply(
        o,
        ListUsersResponse.newBuilder()
            .addAllUsers(page.items().stream().map(IdentityMapper::user).toList())
            .setPage(next(page))
            .build());
  }

  @Override
  public void getUser(GetUserRequest r, StreamObserver<GetUserResponse> o) {
    reply(
        o,
        GetUserResponse.newBuilder()
            .setUser(IdentityMapper.user(identity.users().get(me(), id(r.getUserId()))))
            .build());
  }

  @Override
  public void createServiceAccount(
      CreateServiceAccountRequest r, StreamObserver<CreateServiceAccountResponse> o) {
    var c =
        identity
            .serviceAccounts()
            .create(me(), r.getName(), r.getDescription(), new HashSet<>(r.getPermissionsList()));
    reply(
        o,
        CreateServiceAccountResponse.newBuilder()
            .setServiceAccount(IdentityMapper.serviceAccount(c.account()))
            .setClientSecret(c.clientSecret())
            .build());
  }

  @Override
  public void listServiceAccounts(
      ListServiceAccountsRequest r, StreamObserver<ListServiceAccountsResponse> o) {
    var page =
        identity
            .serviceAccounts()
            .list(
                me(), r.getIncludeRevoked(), r.getPage().getPageSize(), r.getPage().getPageToken());
    reply(
        o,
        ListServiceAccountsResponse.newBuilder()
            .addAllServiceAccounts(
                page.items().stream().map(IdentityMapper::serviceAccount).toList())
            .setPage(next(page))
            .build());
  }

  @Override
  public void revokeServiceAccount(
      RevokeServiceAccountRequest r, StreamObserver<RevokeServiceAccountResponse> o) {
    var sa = identity.serviceAccounts().revoke(me(), id(r.getServiceAccountId()), r.getReason());
    reply(
        o,
        RevokeServiceAccountResponse.newBuilder()
            .setServiceAccount(IdentityMapper.serviceAccount(sa))
            .build());
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest r, StreamObserver<ListAuditEventsResponse> o) {
    AuditTrail.Filter f = IdentityMapper.auditFilter(r);
    var page =
        identity.audit().list(me(), f, r.getPage().getPageSize(), r.getPage().getPageToken());
    reply(
        o,
        ListAuditEventsResponse.newBuilder()
            .addAllEvents(page.items().stream().map(IdentityMapper::audit).toList())
            .setPage(next(page))
            .build());
  }

  private static io.meshdesk.api.common.v1.PageResponse next(Page<?> page) {
    return io.meshdesk.api.common.v1.PageResponse.newBuilder()
        .setNextPageToken(page.nextToken())
        .build();
  }
}
