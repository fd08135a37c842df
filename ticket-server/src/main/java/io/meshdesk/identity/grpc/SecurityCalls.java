package io.meshdesk.identity.grpc;

import io.meshdesk.api.identity.v1.CreateServiceAccountRequest;
import io.meshdesk.api.identity.v1.CreateServiceAccountResponse;
import io.meshdesk.api.identity.v1.GetSigningKeysRequest;
import io.meshdesk.api.identity.v1.GetSigningKeysResponse;
import io.meshdesk.api.identity.v1.ListAuditEventsRequest;
import io.meshdesk.api.identity.v1.ListAuditEventsResponse;
import io.meshdesk.api.identity.v1.ListServiceAccountsRequest;
import io.meshdesk.api.identity.v1.ListServiceAccountsResponse;
import io.meshdesk.api.identity.v1.RevokeServiceAccountRequest;
import io.meshdesk.api.identity.v1.RevokeServiceAccountResponse;
import io.meshdesk.api.identity.v1.RotateSigningKeyRequest;
import io.meshdesk.api.identity.v1.RotateSigningKeyResponse;
import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.AuditEvent;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.identity.domain.SigningKeyInfo;
import io.meshdesk.identity.service.AuditTrail;
import io.meshdesk.platform.auth.AuthContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/** Security calls of IdentityService: signing keys, service accounts and the audit trail. */
final class SecurityCalls {

  private final IdentityModule identity;

  SecurityCalls(IdentityModule identity) {
    this.identity = identity;
  }

  GetSigningKeysResponse getSigningKeys(GetSigningKeysRequest r) {
    List<SigningKeyInfo> keys = identity.keys().live();
    return GetSigningKeysResponse.newBuilder()
        .addAllKeys(keys.stream().map(IdentityMapper::key).toList())
        .setJwksJson(IdentityMapper.jwks(keys))
        .build();
  }

  RotateSigningKeyResponse rotateSigningKey(RotateSigningKeyRequest r) {
    Duration overlap =
        r.hasPreviousKeyOverlap()
            ? Duration.ofSeconds(
                r.getPreviousKeyOverlap().getSeconds(), r.getPreviousKeyOverlap().getNanos())
            : null;
    String kid = identity.keys().rotate(AuthContext.principal(), overlap, identity.audit());
    List<SigningKeyInfo> keys = identity.keys().live();
    RotateSigningKeyResponse.Builder b =
        RotateSigningKeyResponse.newBuilder()
            .addAllKeys(keys.stream().map(IdentityMapper::key).toList());
    keys.stream()
        .filter(k -> k.kid().equals(kid))
        .findFirst()
        .ifPresent(k -> b.setActiveKey(IdentityMapper.key(k)));
    return b.build();
  }

  CreateServiceAccountResponse createServiceAccount(CreateServiceAccountRequest r) {
    var c =
        identity
            .serviceAccounts()
            .create(
                AuthContext.principal(),
                r.getName(),
                r.getDescription(),
                new HashSet<>(r.getPermissionsList()));
    return CreateServiceAccountResponse.newBuilder()
        .setServiceAccount(IdentityMapper.serviceAccount(c.account()))
        .setClientSecret(c.clientSecret())
        .build();
  }

  ListServiceAccountsResponse listServiceAccounts(ListServiceAccountsRequest r) {
    Page<ServiceAccount> page =
        identity
            .serviceAccounts()
            .list(
                AuthContext.principal(),
                r.getIncludeRevoked(),
                r.getPage().getPageSize(),
                r.getPage().getPageToken());
    return ListServiceAccountsResponse.newBuilder()
        .addAllServiceAccounts(page.items().stream().map(IdentityMapper::serviceAccount).toList())
        .setPage(IdentityMapper.next(page))
        .build();
  }

  RevokeServiceAccountResponse revokeServiceAccount(RevokeServiceAccountRequest r) {
    ServiceAccount sa =
        identity
            .serviceAccounts()
            .revoke(
                AuthContext.principal(), UUID.fromString(r.getServiceAccountId()), r.getReason());
    return RevokeServiceAccountResponse.newBuilder()
        .setServiceAccount(IdentityMapper.serviceAccount(sa))
        .build();
  }

  ListAuditEventsResponse listAuditEvents(ListAuditEventsRequest r) {
    AuditTrail.Filter f = IdentityMapper.auditFilter(r);
    Page<AuditEvent> page =
        identity
            .audit()
            .list(
                AuthContext.principal(), f, r.getPage().getPageSize(), r.getPage().getPageToken());
    return ListAuditEventsResponse.newBuilder()
        .addAllEvents(page.items().stream().map(IdentityMapper::audit).toList())
        .setPage(IdentityMapper.next(page))
        .build();
  }
}
