package io.meshdesk.identity.grpc;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import com.nimbusds.jose.jwk.JWKSet;
import io.meshdesk.api.common.v1.ActorKind;
import io.meshdesk.api.identity.v1.AuditEvent;
import io.meshdesk.api.identity.v1.AuditTarget;
import io.meshdesk.api.identity.v1.ListAuditEventsRequest;
import io.meshdesk.api.identity.v1.Principal;
import io.meshdesk.api.identity.v1.PrincipalKind;
import io.meshdesk.api.identity.v1.Role;
import io.meshdesk.api.identity.v1.ServiceAccount;
import io.meshdesk.api.identity.v1.SigningKey;
import io.meshdesk.api.identity.v1.SigningKeyStatus;
import io.meshdesk.api.identity.v1.Tenant;
import io.meshdesk.api.identity.v1.TenantStatus;
import io.meshdesk.api.identity.v1.TokenSet;
import io.meshdesk.api.identity.v1.User;
import io.meshdesk.api.identity.v1.UserStatus;
import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.IssuedTokens;
import io.meshdesk.identity.domain.Page;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.identity.domain.SigningKeyInfo;
import io.meshdesk.identity.service.AuditTrail;
import io.meshdesk.platform.proto.ProtoTime;
import java.util.List;
import java.util.UUID;

/** Maps identity domain records to and from the protobuf contract. */
final class IdentityMapper {

  private IdentityMapper() {}

  static UUID uuidOrNull(String s) {
    return s == null || s.isEmpty() ? null : UUID.fromString(s);
  }

  static Role role(io.meshdesk.platform.auth.Role r) {
    return Role.valueOf("ROLE_" + r.name());
  }

  static io.meshdesk.platform.auth.Role role(Role r) {
    return r == Role.ROLE_UNSPECIFIED || r == Role.UNRECOGNIZED
        ? null
        : io.meshdesk.platform.auth.Role.valueOf(r.name().substring(5));
  }

  static TokenSet tokens(IssuedTokens t) {
    TokenSet.Builder b =
        TokenSet.newBuilder()
            .setAccessToken(t.accessToken())
            .setTokenType("Bearer")
            .setAccessTokenExpiresAt(timestamp(t.accessExpiresAt()))
            .setRefreshToken(t.refreshToken());
    if (t.refreshExpiresAt() != null) {
      b.setRefreshTokenExpiresAt(timestamp(t.refreshExpiresAt()));
    }
    return b.build();
  }

  static Principal principal(SignedIn s) {
    io.meshdesk.platform.auth.Principal p = s.principal();
    Principal.Builder b =
        Principal.newBuilder()
            .setSubjectId(p.subject().toString())
            .setRole(role(p.role()))
            .setTenantId(p.tenantId() == null ? "" : p.tenantId().toString())
            .addAllPermissions(p.grants());
    if (s.user() != null) {
      b.setKind(PrincipalKind.PRINCIPAL_KIND_USER)
          .setEmail(s.user().email())
          .setDisplayName(s.user().displayName());
      s.user().teamIds().forEach(t -> b.addTeamIds(t.toString()));
    } else {
      b.setKind(
          p.role() == io.meshdesk.platform.auth.Role.SERVICE
              ? PrincipalKind.PRINCIPAL_KIND_SERVICE_ACCOUNT
              : PrincipalKind.PRINCIPAL_KIND_USER);
      if (s.serviceAccount() != null) {
        b.setDisplayName(s.serviceAccount().name());
      }
    }
    return b.build();
  }

  static Tenant tenant(io.meshdesk.identity.domain.Tenant t) {
    Tenant.Builder b =
        Tenant.newBuilder()
            .setId(t.id().toString())
            .setSlug(t.slug())
            .setDisplayName(t.displayName())
            .setTimeZone(t.timeZone())
            .setCreatedAt(timestamp(t.createdAt()))
            .setStatus(
                t.active()
                    ? TenantStatus.TENANT_STATUS_ACTIVE
                    : TenantStatus.TENANT_STATUS_SUSPENDED);
    if (t.suspendedAt() != null) {
      b.setSuspendedAt(timestamp(t.suspendedAt()));
    }
    if (t.suspensionReason() != null) {
      b.setSuspensionReason(t.suspensionReason());
    }
    return b.build();
  }

  static User user(io.meshdesk.identity.domain.User u) {
    User.Builder b =
        User.newBuilder()
            .setId(u.id().toString())
            .setEmail(u.email())
            .setDisplayName(u.displayName())
            .setRole(role(u.role()))
            .setStatus(
                u.active() ? UserStatus.USER_STATUS_ACTIVE : UserStatus.USER_STATUS_DEACTIVATED)
            .setCreatedAt(timestamp(u.createdAt()))
            .setUpdatedAt(timestamp(u.updatedAt()));
    u.teamIds().forEach(t -> b.addTeamIds(t.toString()));
    if (u.deactivatedAt() != null) {
      b.setDeactivatedAt(timestamp(u.deactivatedAt()));
    }
    if (u.lastLoginAt() != null) {
      b.setLastLoginAt(timestamp(u.lastLoginAt()));
    }
    return b.build();
  }

  static ServiceAccount serviceAccount(io.meshdesk.identity.domain.ServiceAccount a) {
    ServiceAccount.Builder b =
        ServiceAccount.newBuilder()
            .setId(a.id().toString())
            .setClientId(a.clientId())
            .setName(a.name())
            .setDescription(a.description())
            .addAllPermissions(new java.util.TreeSet<>(a.grants()))
            .setPlatform(a.platform())
            .setCreatedAt(timestamp(a.createdAt()))
            .setCreatedBy(actor(a.createdBy()));
    if (a.lastUsedAt() != null) {
      b.setLastUsedAt(timestamp(a.lastUsedAt()));
    }
    if (a.revokedAt() != null) {
      b.setRevokedAt(timestamp(a.revokedAt()));
    }
    return b.build();
  }

  static io.meshdesk.api.common.v1.Actor actor(Actor a) {
    return io.meshdesk.api.common.v1.Actor.newBuilder()
        .setKind(ActorKind.valueOf("ACTOR_KIND_" + a.kind().name()))
        .setId(a.id())
        .setDisplayName(a.displayName())
        .build();
  }

  static AuditEvent audit(io.meshdesk.identity.domain.AuditEvent e) {
    return AuditEvent.newBuilder()
        .setId(e.id().toString())
        .setTenantId(e.tenantId() == null ? "" : e.tenantId().toString())
        .setActor(actor(e.actor()))
        .setAction(e.action())
        .setTarget(AuditTarget.newBuilder().setType(e.targetType()).setId(e.targetId()))
        .setOccurredAt(timestamp(e.occurredAt()))
        .putAllDetails(e.details())
        .build();
  }

  static SigningKey key(SigningKeyInfo k) {
    SigningKey.Builder b =
        SigningKey.newBuilder()
            .setKid(k.kid())
            .setAlg("ES256")
            .setPublicJwkJson(k.publicJwk().toJSONString())
            .setNotBefore(timestamp(k.createdAt()))
            .setStatus(
                k.active()
                    ? SigningKeyStatus.SIGNING_KEY_STATUS_ACTIVE
                    : SigningKeyStatus.SIGNING_KEY_STATUS_VERIFY_ONLY);
    if (k.expiresAt() != null) {
      b.setExpiresAt(timestamp(k.expiresAt()));
    }
    return b.build();
  }

  static String jwks(List<SigningKeyInfo> keys) {
    return new JWKSet(keys.stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.publicJwk()).toList())
        .toString();
  }

  /** The filters of an audit listing; empty fields mean any. */
  static AuditTrail.Filter auditFilter(ListAuditEventsRequest r) {
    return new AuditTrail.Filter(
        uuidOrNull(r.getTenantId()),
        r.getAction().isEmpty() ? null : r.getAction(),
        r.getActorId().isEmpty() ? null : r.getActorId(),
        r.getTimeRange().hasStartTime() ? ProtoTime.instant(r.getTimeRange().getStartTime()) : null,
        r.getTimeRange().hasEndTime() ? ProtoTime.instant(r.getTimeRange().getEndTime()) : null);
  }

  /** The page response naming the next page ({@code ""}: this was the last). */
  static io.meshdesk.api.common.v1.PageResponse next(Page<?> page) {
    return io.meshdesk.api.common.v1.PageResponse.newBuilder()
        .setNextPageToken(page.nextToken())
        .build();
  }
}
