package io.meshdesk.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The access decision of {@link Rbac}, {@link Principal} and {@link Role} on their own, without a
 * server: which permission a method needs, which principal holds it, and the views the table offers
 * to documentation.
 */
class RbacDecisionTest {

  private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");

  private static Principal user(Role role) {
    return new Principal(UUID.randomUUID(), TENANT, role, Set.of(), "jti");
  }

  private static Principal service(String... grants) {
    return new Principal(UUID.randomUUID(), TENANT, Role.SERVICE, Set.of(grants), "jti");
  }

  @Test
  void knownMethodNamesItsPermissionAndUnknownMethodHasNone() {
    assertThat(Rbac.permissionFor("meshdesk.ticket.v1.TicketService/CreateTicket"))
        .contains("tickets.create");
    assertThat(Rbac.permissionFor("meshdesk.identity.v1.IdentityService/Login"))
        .contains(Rbac.PUBLIC);
    assertThat(Rbac.permissionFor("meshdesk.ticket.v1.TicketService/DropTable")).isEmpty();
  }

  @Test
  void roleHoldingThePermissionIsAllowedAndOtherRolesAreNot() {
    assertThat(Rbac.allows(user(Role.AGENT), "tickets.update")).isTrue();
    assertThat(Rbac.allows(user(Role.CUSTOMER), "tickets.update")).isFalse();
    assertThat(Rbac.allows(user(Role.PLATFORM_ADMIN), "keys.rotate")).isTrue();
    assertThat(Rbac.allows(user(Role.ADMIN), "keys.rotate")).isFalse();
  }

  @Test
  void unknownPermissionIsRefusedToEveryone() {
    for (Role role : Role.values()) {
      assertThat(Rbac.allows(user(role), "tickets.delete_everything")).as(role.name()).isFalse();
    }
    assertThat(Rbac.allows(service("tickets.delete_everything"), "tickets.delete_everything"))
        .isFalse();
  }

  @Test
  void serviceAccountHoldsOnlyGrantablePermissionsItWasGranted() {
    assertThat(Rbac.allows(service("ledger.post"), "ledger.post")).isTrue();
    assertThat(Rbac.allows(service(), "ledger.post")).isFalse();
    assertThat(Rbac.allows(service("ledger.read"), "ledger.post")).isFalse();
    // settings.manage is not grantable: a grant of it is ignored.
    assertThat(Rbac.allows(service("settings.manage"), "settings.manage")).isFalse();
  }

  @Test
  void serviceAccountHoldsItsRolePermissionsWithoutAGrant() {
    assertThat(Rbac.allows(service(), "self.read")).isTrue();
  }

  @Test
  void grantsOnAUserPrincipalAreIgnored() {
    Principal agent =
        new Principal(UUID.randomUUID(), TENANT, Role.AGENT, Set.of("ledger.post"), "j");

    assertThat(Rbac.allows(agent, "ledger.post")).isFalse();
  }

  @Test
  void suggestionsAreWrittenOnlyByGrantedServiceAccounts() {
    for (Role role : Role.values()) {
      assertThat(Rbac.allows(user(role), "suggestions.write")).as(role.name()).isFalse();
    }
    assertThat(Rbac.allows(service("suggestions.write"), "suggestions.write")).isTrue();
  }

  @Test
  void methodsViewListsEveryRpcWithItsPermissionAndCannotChangeTheTable() {
    Map<String, String> methods = Rbac.methods();

    assertThat(methods)
        .containsEntry("meshdesk.ledger.v1.LedgerService/SettlePayment", "ledger.settle")
        .containsEntry("meshdesk.identity.v1.IdentityService/GetSigningKeys", Rbac.PUBLIC);
    methods.forEach(
        (method, permission) -> assertThat(Rbac.permissionFor(method)).contains(permission));
    assertThatThrownBy(() -> methods.put("x/Y", Rbac.PUBLIC))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Rbac.permissionFor("x/Y")).isEmpty();
  }

  @Test
  void permissionsViewNamesTheRolesOfEachPermission() {
    Map<String, Set<Role>> permissions = Rbac.permissions();

    assertThat(permissions.get("ledger.settle")).containsExactly(Role.ADMIN);
    assertThat(permissions.get("suggestions.write")).isEmpty();
    assertThat(permissions.get("self.read")).containsExactlyInAnyOrder(Role.values());
    assertThatThrownBy(() -> permissions.get("ledger.settle").add(Role.CUSTOMER))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(Rbac.allows(user(Role.CUSTOMER), "ledger.settle")).isFalse();
  }

  @Test
  void serviceGrantableListsWhatAServiceAccountMayBeGiven() {
    assertThat(Rbac.serviceGrantable())
        .contains("suggestions.write", "ledger.post", "users.read")
        .doesNotContain("settings.manage", "keys.rotate");
  }

  @Test
  void byRoleInvertsThePermissionTableForEveryRole() {
    Map<Role, Set<String>> byRole = Rbac.byRole();

    assertThat(byRole).containsOnlyKeys(Role.values());
    assertThat(byRole.get(Role.PLATFORM_ADMIN))
        .containsExactly(
            "audit.read", "keys.rotate", "self.read", "service_accounts.manage", "tenants.manage");
    assertThat(byRole.get(Role.SERVICE)).containsExactly("self.read");
    Set<String> customer = new HashSet<>(byRole.get(Role.CUSTOMER));
    assertThat(customer).contains("tickets.create", "ledger.pay").doesNotContain("tickets.update");
  }

  @Test
  void roleClaimIsTheLowerCaseNameAndParsesBack() {
    assertThat(Role.PLATFORM_ADMIN.claim()).isEqualTo("platform_admin");
    assertThat(Role.fromClaim("platform_admin")).isEqualTo(Role.PLATFORM_ADMIN);
    assertThat(Role.fromClaim("AGENT")).isEqualTo(Role.AGENT);
    assertThatThrownBy(() -> Role.fromClaim("root")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void principalWithoutGrantsHasAnEmptyImmutableGrantSet() {
    Principal p = new Principal(UUID.randomUUID(), TENANT, Role.AGENT, null, "jti");

    assertThat(p.grants()).isEmpty();
    assertThat(p.expiresAt()).isNull();
    assertThatThrownBy(() -> p.grants().add("ledger.post"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void principalKeepsACopyOfTheGrantsItWasGiven() {
    Set<String> grants = new HashSet<>(Set.of("ledger.read"));
    Principal p = new Principal(UUID.randomUUID(), TENANT, Role.SERVICE, grants, "jti");

    grants.add("ledger.post");

    assertThat(p.grants()).containsExactly("ledger.read");
    assertThat(p.can("ledger.post")).isFalse();
    assertThat(p.can("ledger.read")).isTrue();
  }

  @Test
  void tenantScopedPrincipalNamesItsTenant() {
    Principal p = user(Role.MANAGER);

    assertThat(p.tenant()).contains(TENANT);
    assertThat(p.requireTenant()).isEqualTo(TENANT);
  }

  @Test
  void platformAdminHasNoTenantAndTenantScopedCallsAreDenied() {
    Principal admin = new Principal(UUID.randomUUID(), null, Role.PLATFORM_ADMIN, Set.of(), "jti");

    assertThat(admin.tenant()).isEmpty();
    assertThatThrownBy(admin::requireTenant)
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("tenant");
  }
}
