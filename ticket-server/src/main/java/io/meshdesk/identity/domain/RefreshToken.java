package io.meshdesk.identity.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored refresh token (its hash stays in the store). Tokens of one sign-in form a family: each
 * rotation consumes the presented token and issues the next one of the same family.
 */
public record RefreshToken(
    UUID id,
    UUID tenantId,
    UUID familyId,
    UUID subjectId,
    Instant expiresAt,
    Instant usedAt,
    boolean revoked) {

  /** What presenting a token for rotation means. */
  public enum Rotation {
    /** Live and not yet used: it rotates. */
    ROTATES,
    /** Already consumed by an earlier rotation: someone replays it, so its family is revoked. */
    REUSED,
    /** Revoked or expired: refused, nothing changes. */
    REFUSED
  }

  /** The outcome of presenting this token for rotation at {@code now}. */
  public Rotation rotation(Instant now) {
    if (revoked || expiresAt.isBefore(now)) {
      return Rotation.REFUSED;
    }
    return usedAt == null ? Rotation.ROTATES : Rotation.REUSED;
  }

  /**
   * Whether presenting this token at {@code now} may end its session(s): only a live token that was
   * never rotated, presented in the scope it was issued for ({@code scope} null: platform).
   */
  public boolean mayLogOut(Instant now, UUID scope) {
    return !revoked && usedAt == null && expiresAt.isAfter(now) && Objects.equals(tenantId, scope);
  }
}
