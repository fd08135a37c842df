package io.meshdesk.identity.grpc;

import io.meshdesk.api.identity.v1.BootstrapRequest;
import io.meshdesk.api.identity.v1.BootstrapResponse;
import io.meshdesk.api.identity.v1.IssueServiceTokenRequest;
import io.meshdesk.api.identity.v1.IssueServiceTokenResponse;
import io.meshdesk.api.identity.v1.LoginRequest;
import io.meshdesk.api.identity.v1.LoginResponse;
import io.meshdesk.api.identity.v1.LogoutRequest;
import io.meshdesk.api.identity.v1.LogoutResponse;
import io.meshdesk.api.identity.v1.RefreshRequest;
import io.meshdesk.api.identity.v1.RefreshResponse;
import io.meshdesk.api.identity.v1.WhoAmIRequest;
import io.meshdesk.api.identity.v1.WhoAmIResponse;
import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.platform.auth.AuthContext;

/** Sign-in calls of IdentityService: login, refresh, logout, service tokens, bootstrap, whoami. */
final class SignInCalls {

  private final IdentityModule identity;

  SignInCalls(IdentityModule identity) {
    this.identity = identity;
  }

  LoginResponse login(LoginRequest r) {
    SignedIn s =
        identity
            .auth()
            .login(
                r.getEmail(),
                r.getPassword(),
                r.getTenantSlug(),
                ClientAddressInterceptor.ADDRESS.get());
    return LoginResponse.newBuilder()
        .setTokens(IdentityMapper.tokens(s.tokens()))
        .setPrincipal(IdentityMapper.principal(s))
        .build();
  }

  RefreshResponse refresh(RefreshRequest r) {
    SignedIn s = identity.auth().refresh(r.getRefreshToken());
    return RefreshResponse.newBuilder()
        .setTokens(IdentityMapper.tokens(s.tokens()))
        .setPrincipal(IdentityMapper.principal(s))
        .build();
  }

  LogoutResponse logout(LogoutRequest r) {
    return LogoutResponse.newBuilder()
        .setRevokedSessions(identity.auth().logout(r.getRefreshToken(), r.getAllSessions()))
        .build();
  }

  IssueServiceTokenResponse issueServiceToken(IssueServiceTokenRequest r) {
    SignedIn s =
        identity
            .auth()
            .serviceToken(
                r.getClientId(), r.getClientSecret(), IdentityMapper.uuidOrNull(r.getTenantId()));
    return IssueServiceTokenResponse.newBuilder()
        .setTokens(IdentityMapper.tokens(s.tokens()))
        .setPrincipal(IdentityMapper.principal(s))
        .build();
  }

  BootstrapResponse bootstrap(BootstrapRequest r) {
    SignedIn s =
        identity
            .bootstrapper()
            .bootstrap(r.getBootstrapToken(), r.getEmail(), r.getPassword(), r.getDisplayName());
    return BootstrapResponse.newBuilder()
        .setTokens(IdentityMapper.tokens(s.tokens()))
        .setPrincipal(IdentityMapper.principal(s))
        .build();
  }

  WhoAmIResponse whoAmI(WhoAmIRequest r) {
    SignedIn s = identity.auth().describe(AuthContext.principal());
    return WhoAmIResponse.newBuilder().setPrincipal(IdentityMapper.principal(s)).build();
  }
}
