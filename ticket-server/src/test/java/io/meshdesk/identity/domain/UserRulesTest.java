package io.meshdesk.identity.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserRulesTest {

  @Test
  void adminCreatesUsersOfEveryTenantRole() {
    for (Role role : new Role[] {Role.ADMIN, Role.MANAGER, Role.AGENT, Role.CUSTOMER}) {
      assertThatCode(() -> UserRules.requireMayCreate(Role.ADMIN, role)).doesNotThrowAnyException();
    }
  }

  @Test
  void managerCreatesOnlyAgentsAndCustomers() {
    assertThatCode(() -> UserRules.requireMayCreate(Role.MANAGER, Role.AGENT))
        .doesNotThrowAnyException();
    assertThatCode(() -> UserRules.requireMayCreate(Role.MANAGER, Role.CUSTOMER))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> UserRules.requireMayCreate(Role.MANAGER, Role.ADMIN))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> UserRules.requireMayCreate(Role.MANAGER, Role.MANAGER))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void platformRolesAreRefusedForTenantUsersNamingTheRoleField() {
    for (Role role : new Role[] {Role.PLATFORM_ADMIN, Role.SERVICE}) {
      assertThatThrownBy(() -> UserRules.requireTenantRole(role))
          .isInstanceOfSatisfying(
              InvalidArgumentException.class,
              e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("role"));
      assertThatThrownBy(() -> UserRules.requireMayCreate(Role.ADMIN, role))
          .isInstanceOf(InvalidArgumentException.class);
    }
  }

  @Test
  void nobodyDeactivatesThemselves() {
    UUID me = UUID.randomUUID();
    assertThatThrownBy(() -> UserRules.requireMayDeactivate(me, me))
        .isInstanceOfSatisfying(
            InvalidArgumentException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo("user_id"));
    assertThatCode(() -> UserRules.requireMayDeactivate(me, UUID.randomUUID()))
        .doesNotThrowAnyException();
  }
}
