package io.meshdesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.meshdesk.platform.auth.Rbac;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every method of every service in the contract has an entry in the one access table. */
class RbacCoverageTest {

  static final List<ServiceDescriptor> SERVICES =
      List.of(
          io.meshdesk.api.identity.v1.IdentityServiceGrpc.getServiceDescriptor(),
          io.meshdesk.api.ticket.v1.TicketServiceGrpc.getServiceDescriptor(),
          io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc.getServiceDescriptor(),
          io.meshdesk.api.ai.v1.AssistantServiceGrpc.getServiceDescriptor(),
          io.meshdesk.api.ledger.v1.LedgerServiceGrpc.getServiceDescriptor(),
          io.meshdesk.api.reminder.v1.ReminderServiceGrpc.getServiceDescriptor());

  @Test
  void everyMethodOfEveryServiceHasAnAccessRule() {
    List<String> missing = new ArrayList<>();
    int methods = 0;
    for (ServiceDescriptor s : SERVICES) {
      for (MethodDescriptor<?, ?> m : s.getMethods()) {
        methods++;
        if (Rbac.permissionFor(m.getFullMethodName()).isEmpty()) {
          missing.add(m.getFullMethodName());
        }
      }
    }
    assertThat(missing).as("methods without an Rbac entry").isEmpty();
    assertThat(methods).isGreaterThan(50);
  }

  @Test
  void tableHasNoEntryForAMethodThatDoesNotExist() {
    List<String> known =
        SERVICES.stream()
            .flatMap(s -> s.getMethods().stream())
            .map(MethodDescriptor::getFullMethodName)
            .toList();
    assertThat(known).containsAll(Rbac.methods().keySet());
  }
}
