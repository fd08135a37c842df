package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.IssuedTokens;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.RefreshToken;
import io.meshdesk.identity.domain.Secrets;
import io.meshdesk.identity.domain.ServiceAccount;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.identity.domain.Tenant;
import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import io.meshdesk.platform.errors.UnauthenticatedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sign-in, refresh-token rotation with reuse detection, logout and the client-credentials grant.
 * Refresh tokens are {@code <tenant id | "platform">.<256 random bits>}: the prefix names the scope
 * to look in, only a SHA-256 is stored, and presenting a consumed token revokes its family.
 */
public final class AuthService {

  private static final String BAD_LOGIN = "invalid email or password";
  private static final String PLATFORM = "platform";

  private final IdentityTransactions tx;
  private final TokenIssuer issuer;
  private final PasswordHasher hasher;
  private final LoginLimiter limiter;
  private final Clock clock;
  private final Duration refreshTtl;

  public AuthService(
      IdentityTransactions tx,
      TokenIssuer issuer,
      PasswordHasher hasher,
      LoginLimiter limiter,
      Clock clock,
      Duration refreshTtl) {
    this.tx = tx;
    this.issuer = issuer;
    this.hasher = hasher;
    this.limiter = limiter;
    this.clock = clock;
    this.refreshTtl = refreshTtl;
  }

  /**
   * Signs a user in; {@code tenantSlug} empty for platform admins. Never says whether the email
   * exists.
   */
  public SignedIn login(String email, String password, String tenantSlug, String source) {
    String mail = email.toLowerCase(Locale.ROOT);
    String slug = tenantSlug == null ? "" : tenantSlug;
    limiter.take(slug, mail, source);
    Optional<Tenant> tenant =
        slug.isEmpty() ? Optional.empty() : tx.unscoped(u -> u.tenants().findBySlug(slug));
    Optional<Users.WithHash> found;
    if (slug.isEmpty()) {
      found = tx.unscoped(u -> u.users().findAdminByEmail(mail));
    } else if (tenant.isPresent()) {
      found = tx.tenant(tenant.get().id(), u -> u.users().findByEmail(mail));
    } else {
      found = Optional.empty();
    }
    boolean ok =
        found.isPresent() && found.get().passwordHash() != null
            ? hasher.verify(password, found.get().passwordHash())
            : burn(password);
    if (!ok || !found.get().user().active()) {
      throw new UnauthenticatedException(BAD_LOGIN);
    }
    limiter.succeeded(slug, mail, source);
    if (tenant.isPresent() && !tenant.get().active()) {
      throw new PermissionDeniedException("tenant is suspended");
    }
    User user = found.get().user();
    return tx.scoped(
        user.tenantId(),
        unit -> {
          if (user.tenantId() == null) {
            unit.users().touchAdminLogin(user.id(), clock.instant());
          } else {
            unit.users().touchLogin(user.id(), clock.instant());
          }
          return issueForUser(unit, user, UUID.randomUUID());
        });
  }

  /** Rotates a refresh token; reuse of a consumed one revokes the whole family. */
  public SignedIn refresh(String presented) {
    UUID scope = scopeOf(presented);
    String hash = Secrets.sha256(presented);
    Outcome out =
        tx.scoped(
            scope,
            unit -> {
              Optional<RefreshToken> row = unit.refreshTokens().lockByHash(hash);
              RefreshToken.Rotation rotation =
                  row.map(r -> r.rotation(clock.instant())).orElse(RefreshToken.Rotation.REFUSED);
              if (rotation == RefreshToken.Rotation.REFUSED) {
                return new Outcome(null, false);
              }
              if (rotation == RefreshToken.Rotation.REUSED) {
                unit.refreshTokens().revokeFamily(row.get().familyId());
                return new Outcome(null, true);
              }
              Optional<User> user =
                  scope == null
                      ? unit.users().findAdmin(row.get().subjectId())
                      : unit.users().find(row.get().subjectId());
              if (user.isEmpty()
                  || !user.get().active()
                  || (scope != null && !tenantActive(unit, scope))) {
                return new Outcome(null, false);
              }
              unit.refreshTokens().markUsed(row.get().id(), clock.instant());
              return new Outcome(issueForUser(unit, user.get(), row.get().familyId()), false);
            });
    if (out.signedIn() == null) {
      throw new UnauthenticatedException(
          out.reused() ? "refresh token reused; the session was revoked" : "invalid refresh token");
    }
    return out.signedIn();
  }

  /**
   * Revokes the session of a live refresh token (or every session of its user); returns how many
   * tokens. A revoked, rotated, expired or unknown token is refused and changes nothing.
   */
  public int logout(String presented, boolean allSessions) {
    UUID scope = scopeOf(presented);
    Integer revoked =
        tx.scoped(
            scope,
            unit -> {
              Optional<RefreshToken> row =
                  unit.refreshTokens().lockByHash(Secrets.sha256(presented));
              if (row.isEmpty() || !row.get().mayLogOut(clock.instant(), scope)) {
                return null;
              }
              return allSessions
                  ? unit.refreshTokens().revokeSubject(row.get().subjectId())
                  : unit.refreshTokens().revokeFamily(row.get().familyId());
            });
    if (revoked == null) {
      throw new UnauthenticatedException("invalid refresh token");
    }
    return revoked;
  }

  /**
   * Client credentials: an access token for a service account; platform accounts may name a tenant.
   */
  public SignedIn serviceToken(String clientId, String secret, UUID forTenant) {
    int dot = clientId.indexOf('.');
    if (dot <= 0) {
      throw new UnauthenticatedException("invalid client credentials");
    }
    String prefix = clientId.substring(0, dot);
    UUID scope = PLATFORM.equals(prefix) ? null : parseUuid(prefix);
    Optional<ServiceAccounts.WithHash> found =
        tx.scoped(scope, u -> u.serviceAccounts().findByClientId(clientId));
    if (found.isEmpty()
        || !Secrets.matches(secret, found.get().secretHash())
        || found.get().account().revokedAt() != null) {
      throw new UnauthenticatedException("invalid client credentials");
    }
    ServiceAccount sa = found.get().account();
    if (!sa.platform() && forTenant != null) {
      throw new InvalidArgumentException(
          "tenant_id", "only platform service accounts may name a tenant");
    }
    UUID tenant = sa.platform() ? forTenant : sa.tenantId();
    if (tenant != null && !tx.unscoped(u -> tenantActive(u, tenant))) {
      throw new PermissionDeniedException("tenant is suspended or unknown");
    }
    tx.scoped(
        scope,
        u -> {
          u.serviceAccounts().touch(sa.id(), clock.instant());
          return null;
        });
    Set<String> grants = new HashSet<>(sa.grants());
    grants.retainAll(Rbac.serviceGrantable());
    TokenIssuer.Signed signed = issuer.issue(sa.id(), tenant, Role.SERVICE, grants);
    return new SignedIn(
        new IssuedTokens(signed.token(), signed.expiresAt(), "", null),
        signed.principal(),
        null,
        sa);
  }

  /** Issues an access token and a new refresh token of {@code family} for a user (in its scope). */
  SignedIn issueForUser(UnitOfWork unit, User user, UUID family) {
    TokenIssuer.Signed signed = issuer.issue(user.id(), user.tenantId(), user.role(), Set.of());
    String token =
        (user.tenantId() == null ? PLATFORM : user.tenantId().toString())
            + "."
            + Secrets.random(32);
    Instant now = clock.instant();
    Instant exp = now.plus(refreshTtl);
    unit.refreshTokens()
        .insert(user.tenantId(), Secrets.sha256(token), family, user.id(), now, exp);
    return new SignedIn(
        new IssuedTokens(signed.token(), signed.expiresAt(), token, exp),
        signed.principal(),
        user,
        null);
  }

  /** The user or service account behind a principal, for WhoAmI. */
  public SignedIn describe(Principal p) {
    if (p.role() == Role.SERVICE) {
      Optional<ServiceAccount> sa =
          tx.scoped(p.tenantId(), u -> u.serviceAccounts().find(p.subject(), p.tenantId() == null));
      if (sa.isEmpty()) {
        sa = tx.platform(u -> u.serviceAccounts().find(p.subject(), true));
      }
      return new SignedIn(null, p, null, sa.orElse(null));
    }
    User u =
        tx.scoped(
            p.tenantId(),
            unit ->
                p.role() == Role.PLATFORM_ADMIN
                    ? unit.users().findAdmin(p.subject()).orElse(null)
                    : unit.users().find(p.subject()).orElse(null));
    return new SignedIn(null, p, u, null);
  }

  private static boolean tenantActive(UnitOfWork unit, UUID tenant) {
    return unit.tenants().find(tenant).map(Tenant::active).orElse(false);
  }

  private boolean burn(String password) {
    hasher.burn(password);
    return false;
  }

  private static UUID scopeOf(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw new UnauthenticatedException("invalid refresh token");
    }
    String prefix = token.substring(0, dot);
    return PLATFORM.equals(prefix) ? null : parseUuid(prefix);
  }

  private static UUID parseUuid(String s) {
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new UnauthenticatedException("invalid credentials");
    }
  }

  private record Outcome(SignedIn signedIn, boolean reused) {}
}
