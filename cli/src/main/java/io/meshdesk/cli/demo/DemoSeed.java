package io.meshdesk.cli.demo;

import io.meshdesk.identity.IdentityModule;
import io.meshdesk.identity.domain.User;
import io.meshdesk.identity.service.ServiceAccountService;
import io.meshdesk.identity.service.TenantService;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Development-only demo data for {@code meshctl dev}: a platform admin, tenant {@code demo} with
 * one user per role, and the AI worker's platform service account. Passwords are random per start
 * and printed; nothing here runs in a production path.
 */
public final class DemoSeed {

  /** What was seeded: logins as (role, email, password) and the AI worker's client credentials. */
  public record Seeded(
      UUID tenantId,
      UUID customerId,
      UUID agentId,
      List<String[]> logins,
      String aiClientId,
      String aiClientSecret) {}

  private DemoSeed() {}

  /** Seeds a fresh installation and prints the demo logins; null when already seeded. */
  public static Seeded seed(IdentityModule identity, PrintStream out) {
    if (identity.tx().unscoped(u -> u.tenants().findBySlug("demo")).isPresent()) {
      out.println(
          "Demo tenant already present (kept data dir); its passwords were printed at first start.");
      return null;
    }
    String password = "demo-" + io.meshdesk.identity.domain.Secrets.random(9);
    User root = createPlatformAdmin(identity, "platform@demo.meshdesk.dev", password);
    Principal rootP = new Principal(root.id(), null, Role.PLATFORM_ADMIN, Set.of(), "seed");
    TenantService.Created demo =
        identity
            .tenants()
            .create(
                rootP,
                "demo",
                "Demo Corp",
                "UTC",
                "admin@demo.meshdesk.dev",
                "Demo Admin",
                password);
    Principal adminP =
        new Principal(demo.admin().id(), demo.tenant().id(), Role.ADMIN, Set.of(), "seed");
    java.util.Map<Role, UUID> ids = new java.util.EnumMap<>(Role.class);
    for (Role r : List.of(Role.MANAGER, Role.AGENT, Role.CUSTOMER)) {
      ids.put(
          r,
          identity
              .users()
              .create(
                  adminP,
                  r.claim() + "@demo.meshdesk.dev",
                  "Demo " + r.claim(),
                  r,
                  password,
                  List.of())
              .id());
    }
    ServiceAccountService.Created ai =
        identity
            .serviceAccounts()
            .create(rootP, "ai-worker", "AI worker (dev)", Rbac.AI_WORKER_GRANTS);
    List<String[]> logins =
        List.of(
            new String[] {"platform_admin", "platform@demo.meshdesk.dev", password, ""},
            new String[] {"admin", "admin@demo.meshdesk.dev", password, "demo"},
            new String[] {"manager", "manager@demo.meshdesk.dev", password, "demo"},
            new String[] {"agent", "agent@demo.meshdesk.dev", password, "demo"},
            new String[] {"customer", "customer@demo.meshdesk.dev", password, "demo"});
    out.println("Demo logins (dev only; password for all: " + password + "):");
    for (String[] l : logins) {
      out.printf(
          "  %-15s %-30s %s%n",
          l[0],
          l[1],
          l[3].isEmpty()
              ? "meshctl login --email " + l[1]
              : "meshctl login --tenant demo --email " + l[1]);
    }
    out.println("  AI worker client id: " + ai.account().clientId());
    return new Seeded(
        demo.tenant().id(),
        ids.get(Role.CUSTOMER),
        ids.get(Role.AGENT),
        logins,
        ai.account().clientId(),
        ai.clientSecret());
  }

  /**
   * Fresh client credentials for the AI worker when the demo data is kept from an earlier run
   * (`meshctl dev --data-dir`): the earlier secret was shown once and is gone, so a new platform
   * service account is created for this run.
   *
   * @return {clientId, clientSecret}
   */
  public static String[] workerCredentials(IdentityModule identity) {
    Principal dev =
        new Principal(new UUID(0, 0), null, Role.PLATFORM_ADMIN, Set.of(), "meshctl-dev");
    ServiceAccountService.Created ai =
        identity
            .serviceAccounts()
            .create(
                dev,
                "ai-worker-" + System.currentTimeMillis(),
                "AI worker (dev, restarted)",
                Rbac.AI_WORKER_GRANTS);
    return new String[] {ai.account().clientId(), ai.clientSecret()};
  }

  private static User createPlatformAdmin(IdentityModule identity, String email, String password) {
    Instant now = Instant.now();
    User u =
        new User(
            UUID.randomUUID(),
            null,
            email,
            "Platform Admin",
            Role.PLATFORM_ADMIN,
            true,
            List.of(),
            now,
            now,
            null,
            null);
    String hash = identity.hasher().hash(password);
    identity
        .tx()
        .unscoped(
            unit -> {
              unit.users().insertAdmin(u, hash);
              return null;
            });
    return u;
  }
}
