package io.meshdesk.platform.auth;

import java.util.Locale;

/** The roles a principal can have. Each maps to a set of permissions in {@link Rbac}. */
public enum Role {
  /** Operates the installation: tenants and signing keys. Belongs to no tenant. */
  PLATFORM_ADMIN,
  /** Manages a tenant: users, settings, service accounts, audit. */
  ADMIN,
  /** Sees all tickets and reports of the tenant and reassigns work. */
  MANAGER,
  /** Works the tickets they can see. */
  AGENT,
  /** Opens tickets and sees only their own tickets and public replies; holds cards. */
  CUSTOMER,
  /** A service account: only the permissions it was granted. */
  SERVICE;

  /** The claim value, e.g. {@code platform_admin}. */
  public String claim() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a claim value; throws IllegalArgumentException when unknown. */
  public static Role fromClaim(String claim) {
    return Role.valueOf(claim.toUpperCase(Locale.ROOT));
  }
}
