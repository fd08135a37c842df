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

/**
 * gRPC face of the identity context: each call is answered by the calls of its area (sign-in,
 * tenants, users, security), which map proto to the domain services and back.
 */
public final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {

  private final SignInCalls signIn;
  private final TenantCalls tenants;
  private final UserCalls users;
  private final SecurityCalls security;

  public IdentityGrpcService(IdentityModule identity) {
    this.signIn = new SignInCalls(identity);
    this.tenants = new TenantCalls(identity.tenants());
    this.users = new UserCalls(identity.users());
    this.security = new SecurityCalls(identity);
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

  @Override
  public void login(LoginRequest r, StreamObserver<LoginResponse> o) {
    reply(o, signIn.login(r));
  }

  @Override
  public void refresh(RefreshRequest r, StreamObserver<RefreshResponse> o) {
    reply(o, signIn.refresh(r));
  }

  @Override
  public void logout(LogoutRequest r, StreamObserver<LogoutResponse> o) {
    reply(o, signIn.logout(r));
  }

  @Override
  public void issueServiceToken(
      IssueServiceTokenRequest r, StreamObserver<IssueServiceTokenResponse> o) {
    reply(o, signIn.issueServiceToken(r));
  }

  @Override
  public void getSigningKeys(GetSigningKeysRequest r, StreamObserver<GetSigningKeysResponse> o) {
    reply(o, security.getSigningKeys(r));
  }

  @Override
  public void rotateSigningKey(
      RotateSigningKeyRequest r, StreamObserver<RotateSigningKeyResponse> o) {
    reply(o, security.rotateSigningKey(r));
  }

  @Override
  public void bootstrap(BootstrapRequest r, StreamObserver<BootstrapResponse> o) {
    reply(o, signIn.bootstrap(r));
  }

  @Override
  public void whoAmI(WhoAmIRequest r, StreamObserver<WhoAmIResponse> o) {
    reply(o, signIn.whoAmI(r));
  }

  @Override
  public void createTenant(CreateTenantRequest r, StreamObserver<CreateTenantResponse> o) {
    reply(o, tenants.createTenant(r));
  }

  @Override
  public void listTenants(ListTenantsRequest r, StreamObserver<ListTenantsResponse> o) {
    reply(o, tenants.listTenants(r));
  }

  @Override
  public void getTenant(GetTenantRequest r, StreamObserver<GetTenantResponse> o) {
    reply(o, tenants.getTenant(r));
  }

  @Override
  public void suspendTenant(SuspendTenantRequest r, StreamObserver<SuspendTenantResponse> o) {
    reply(o, tenants.suspendTenant(r));
  }

  @Override
  public void reactivateTenant(
      ReactivateTenantRequest r, StreamObserver<ReactivateTenantResponse> o) {
    reply(o, tenants.reactivateTenant(r));
  }

  @Override
  public void createUser(CreateUserRequest r, StreamObserver<CreateUserResponse> o) {
    reply(o, users.createUser(r));
  }

  @Override
  public void updateUserRole(UpdateUserRoleRequest r, StreamObserver<UpdateUserRoleResponse> o) {
    reply(o, users.updateUserRole(r));
  }

  @Override
  public void updateUserTeams(UpdateUserTeamsRequest r, StreamObserver<UpdateUserTeamsResponse> o) {
    reply(o, users.updateUserTeams(r));
  }

  @Override
  public void deactivateUser(DeactivateUserRequest r, StreamObserver<DeactivateUserResponse> o) {
    reply(o, users.deactivateUser(r));
  }

  @Override
  public void listUsers(ListUsersRequest r, StreamObserver<ListUsersResponse> o) {
    reply(o, users.listUsers(r));
  }

  @Override
  public void getUser(GetUserRequest r, StreamObserver<GetUserResponse> o) {
    reply(o, users.getUser(r));
  }

  @Override
  public void createServiceAccount(
      CreateServiceAccountRequest r, StreamObserver<CreateServiceAccountResponse> o) {
    reply(o, security.createServiceAccount(r));
  }

  @Override
  public void listServiceAccounts(
      ListServiceAccountsRequest r, StreamObserver<ListServiceAccountsResponse> o) {
    reply(o, security.listServiceAccounts(r));
  }

  @Override
  public void revokeServiceAccount(
      RevokeServiceAccountRequest r, StreamObserver<RevokeServiceAccountResponse> o) {
    reply(o, security.revokeServiceAccount(r));
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest r, StreamObserver<ListAuditEventsResponse> o) {
    reply(o, security.listAuditEvents(r));
  }
}
