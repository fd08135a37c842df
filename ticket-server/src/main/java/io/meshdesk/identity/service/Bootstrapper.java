package io.meshdesk.identity.service;

import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.PasswordHasher;
import io.meshdesk.identity.domain.Secrets;
import io.meshdesk.identity.domain.SignedIn;
import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.FailedPreconditionException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first platform admin. At start, while no platform admin exists, a one-time bootstrap token is
 * stored hashed: {@code MESHDESK_BOOTSTRAP_TOKEN} when set, else a generated one printed once to
 * the log. {@code Bootstrap} with that token creates the admin; afterwards it always refuses.
 */
public final class Bootstrapper {

  private static final Logger log = LoggerFactory.getLogger(Bootstrapper.class);

  private final IdentityTransactions tx;
  private final AuditLog audit;
  private final AuthService auth;
  private final PasswordHasher hasher;
  private final Clock clock;

  public Bootstrapper(
      IdentityTransactions tx,
      AuditLog audit,
      AuthService auth,
      PasswordHasher hasher,
      Clock clock) {
    this.tx = tx;
    this.audit = audit;
    this.auth = auth;
    this.hasher = hasher;
    this.clock = clock;
  }

  /**
   * Arms the bootstrap token if needed; returns a generated token (empty when configured or not
   * needed).
   */
  public Optional<String> arm(Optional<String> configured) {
    return tx.unscoped(
        unit -> {
          if (unit.users().anyAdmin()) {
            return Optional.<String>empty();
          }
          if (configured.isPresent()) {
            unit.keys().putBootstrap(Secrets.sha256(configured.get()), true, clock.instant());
            return Optional.<String>empty();
          }
          String token = Secrets.random(24);
          if (unit.keys().putBootstrap(Secrets.sha256(token), false, clock.instant())) {
            log.warn(
                "No platform admin exists. One-time bootstrap token (shown only now): {}"
                    + "  -> meshctl bootstrap --email <you> (or set MESHDESK_BOOTSTRAP_TOKEN and restart if lost)",
                token);
            return Optional.of(token);
          }
          return Optional.<String>empty();
        });
  }

  /** Creates the first platform admin and signs them in. */
  public SignedIn bootstrap(String token, String email, String password, String displayName) {
    // Refuse before hashing: a hash costs ~19 MiB and tens of milliseconds, so only the holder of
    // the token may make the server compute one, and only while no admin exists.
    tx.platform(
        unit -> {
          refuseUnlessArmed(unit, token);
          return null;
        });
    String hash = hasher.hash(password);
    Instant now = clock.instant();
    User admin =
        new User(
            UUID.randomUUID(),
            null,
            email.toLowerCase(Locale.ROOT),
            displayName,
            Role.PLATFORM_ADMIN,
            true,
            List.of(),
            now,
            now,
            null,
            null);
    return tx.platform(
        unit -> {
          refuseUnlessArmed(unit, token);
          unit.users().insertAdmin(admin, hash);
          unit.keys().useBootstrap(now);
          audit.record(
              unit,
              null,
              new Actor(Actor.Kind.USER, admin.id().toString(), displayName),
              "platform.bootstrapped",
              "platform_admin",
              admin.id().toString(),
              Map.of("email", admin.email()));
          return auth.issueForUser(unit, admin, UUID.randomUUID());
        });
  }

  /**
   * Locks the bootstrap row; refuses once an admin exists, then unless the token matches
   * (constant-time).
   */
  private static void refuseUnlessArmed(UnitOfWork unit, String token) {
    Optional<String> stored = unit.keys().lockBootstrap();
    if (unit.users().anyAdmin() || stored.isEmpty()) {
      throw new FailedPreconditionException(
          "ALREADY_BOOTSTRAPPED", "a platform admin already exists");
    }
    if (!Secrets.matches(token, stored.get())) {
      throw new PermissionDeniedException("invalid bootstrap token");
    }
  }
}
