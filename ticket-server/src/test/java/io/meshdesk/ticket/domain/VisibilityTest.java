package io.meshdesk.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.PermissionDeniedException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VisibilityTest {

  private static final UUID TENANT = UUID.randomUUID();

  @Test
  void customerSeesOnlyTicketsTheyRequested() {
    Principal customer = principal(Role.CUSTOMER);

    assertThat(Visibility.maySee(customer, customer.subject().toString())).isTrue();
    assertThat(Visibility.maySee(customer, UUID.randomUUID().toString())).isFalse();
  }

  @Test
  void staffSeeEveryTicketOfTheirTenant() {
    for (Role role : new Role[] {Role.AGENT, Role.MANAGER, Role.ADMIN, Role.SERVICE}) {
      assertThat(Visibility.maySee(principal(role), UUID.randomUUID().toString()))
          .as(role.name())
          .isTrue();
    }
  }

  @Test
  void customerNeitherReadsNorWritesInternalNotesNorHistory() {
    Principal customer = principal(Role.CUSTOMER);

    assertThatThrownBy(() -> Visibility.requireMayReadInternal(customer))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> Visibility.requireMayWriteInternal(customer))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> Visibility.requireMayReadHistory(customer))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatCode(() -> Visibility.requireMayReadHistory(principal(Role.AGENT)))
        .doesNotThrowAnyException();
  }

  @Test
  void customerIsShownPublicRepliesOnlyWhateverTheyAskFor() {
    Principal customer = principal(Role.CUSTOMER);

    assertThat(Visibility.commentsShown(customer, CommentScope.ALL)).isEqualTo(CommentScope.PUBLIC);
    assertThat(Visibility.commentsShown(customer, CommentScope.PUBLIC))
        .isEqualTo(CommentScope.PUBLIC);
    assertThatThrownBy(() -> Visibility.commentsShown(customer, CommentScope.INTERNAL))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void staffAreShownTheCommentsTheyAskFor() {
    for (Role role : new Role[] {Role.AGENT, Role.MANAGER, Role.ADMIN, Role.SERVICE}) {
      for (CommentScope scope : CommentScope.values()) {
        assertThat(Visibility.commentsShown(principal(role), scope))
            .as(role + " asking for " + scope)
            .isEqualTo(scope);
      }
    }
  }

  @Test
  void customerOpensTicketsOnlyForThemselves() {
    Principal customer = principal(Role.CUSTOMER);

    assertThat(Visibility.requester(customer, null)).isEqualTo(customer.subject());
    assertThatThrownBy(() -> Visibility.requester(customer, UUID.randomUUID()))
        .isInstanceOf(PermissionDeniedException.class);
    UUID someone = UUID.randomUUID();
    assertThat(Visibility.requester(principal(Role.AGENT), someone)).isEqualTo(someone);
  }

  @Test
  void agentReassignsOnlyUnassignedOrOwnTickets() {
    Principal agent = principal(Role.AGENT);

    assertThatCode(() -> Visibility.requireMayReassign(agent, "")).doesNotThrowAnyException();
    assertThatCode(() -> Visibility.requireMayReassign(agent, agent.subject().toString()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> Visibility.requireMayReassign(agent, UUID.randomUUID().toString()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatCode(
            () ->
                Visibility.requireMayReassign(
                    principal(Role.MANAGER), UUID.randomUUID().toString()))
        .doesNotThrowAnyException();
  }

  @Test
  void ticketsGoOnlyToAgentsManagersAndAdmins() {
    assertThat(Visibility.ASSIGNABLE)
        .containsExactlyInAnyOrder(Role.AGENT, Role.MANAGER, Role.ADMIN);
  }

  private static Principal principal(Role role) {
    return new Principal(UUID.randomUUID(), TENANT, role, Set.of(), "t", null);
  }
}
