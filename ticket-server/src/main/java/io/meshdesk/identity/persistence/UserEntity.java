package io.meshdesk.identity.persistence;

import io.meshdesk.identity.domain.User;
import io.meshdesk.platform.auth.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.TenantId;

/**
 * The row of {@code identity.app_user} as Hibernate maps it; the tenant comes from the session
 * ({@code TenantId}) and row-level security checks it again. Updates write only the changed
 * columns, so a sign-in stamping {@code last_login_at} cannot undo a concurrent role change.
 */
@Entity
@DynamicUpdate
@Table(schema = "identity", name = "app_user")
class UserEntity {

  static final String ACTIVE = "active";
  static final String DEACTIVATED = "deactivated";

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private UUID id;

  private String email;

  private String displayName;

  private String role;

  private String status;

  private String passwordHash;

  private UUID[] teamIds;

  private Instant createdAt;

  private Instant updatedAt;

  private Instant deactivatedAt;

  private Instant lastLoginAt;

  protected UserEntity() {}

  /** A new active user; {@code passwordHash} null for one who cannot sign in yet. */
  static UserEntity of(User u, String passwordHash) {
    UserEntity e = new UserEntity();
    e.id = u.id();
    e.email = u.email();
    e.displayName = u.displayName();
    e.role = u.role().claim();
    e.status = ACTIVE;
    e.passwordHash = passwordHash;
    e.teamIds = u.teamIds().toArray(UUID[]::new);
    e.createdAt = u.createdAt();
    e.updatedAt = u.updatedAt();
    return e;
  }

  User toUser() {
    return new User(
        id,
        tenantId,
        email,
        displayName,
        Role.fromClaim(role),
        ACTIVE.equals(status),
        teamIds == null ? List.of() : Arrays.asList(teamIds),
        createdAt,
        updatedAt,
        deactivatedAt,
        lastLoginAt);
  }

  String passwordHash() {
    return passwordHash;
  }

  void changeRole(Role newRole, Instant at) {
    this.role = newRole.claim();
    this.updatedAt = at;
  }

  void replaceTeams(List<UUID> teams, Instant at) {
    this.teamIds = teams.toArray(UUID[]::new);
    this.updatedAt = at;
  }

  void deactivate(Instant at) {
    this.status = DEACTIVATED;
    this.deactivatedAt = at;
    this.updatedAt = at;
  }

  void signedIn(Instant at) {
    this.lastLoginAt = at;
  }
}
