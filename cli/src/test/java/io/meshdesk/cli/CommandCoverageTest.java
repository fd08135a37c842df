package io.meshdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.meshdesk.api.ai.v1.AssistantServiceGrpc;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.ledger.v1.LedgerServiceGrpc;
import io.meshdesk.api.reminder.v1.ReminderServiceGrpc;
import io.meshdesk.api.ticket.v1.TicketServiceGrpc;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.platform.auth.Rbac;
import io.meshdesk.platform.auth.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every RPC that an admin, manager or platform admin may call (by the RBAC table), and every public
 * RPC, is reachable from a meshctl command: the commands are found by walking picocli's command
 * tree and reading the {@link Rpc} annotation each command declares.
 */
class CommandCoverageTest {

  private static final List<ServiceDescriptor> SERVICES =
      List.of(
          IdentityServiceGrpc.getServiceDescriptor(),
          TicketServiceGrpc.getServiceDescriptor(),
          KnowledgeServiceGrpc.getServiceDescriptor(),
          AssistantServiceGrpc.getServiceDescriptor(),
          LedgerServiceGrpc.getServiceDescriptor(),
          ReminderServiceGrpc.getServiceDescriptor());

  private static final Set<Role> OPERATORS = Set.of(Role.ADMIN, Role.MANAGER, Role.PLATFORM_ADMIN);

  /** RPCs an operator may call that deliberately have no command, each with the reason. */
  private static final Map<String, String> EXCEPTIONS =
      Map.of(
          "meshdesk.identity.v1.IdentityService/Refresh",
          "meshctl refreshes the saved session itself before a call (Session)",
          "meshdesk.identity.v1.IdentityService/IssueServiceToken",
          "the client-credentials exchange of a service account's program, not a person's job",
          "meshdesk.identity.v1.IdentityService/GetSigningKeys",
          "public verification keys the servers fetch to check tokens",
          "meshdesk.ticket.v1.TicketService/AgentSession",
          "the agent console's live session stream (presence, viewing)",
          "meshdesk.ticket.v1.TicketService/WatchTicket",
          "the agent console's live view of one open ticket",
          "meshdesk.ticket.v1.TicketService/SetTyping",
          "typing indicator of the agent console",
          "meshdesk.ticket.v1.TicketService/RecordSuggestionFeedback",
          "an agent's rating of an AI draft, given where the draft is shown (console)",
          "meshdesk.ai.v1.AssistantService/AskSpending",
          "the one-shot form of Ask, kept for older clients; meshctl ask uses Ask",
          "meshdesk.ledger.v1.LedgerService/Audit",
          "the one-shot form of WatchAudit, kept for older clients; meshctl ledger audit uses"
              + " WatchAudit");

  @Test
  void every_rpc_an_operator_may_call_has_a_meshctl_command() {
    Set<String> commanded = commandedRpcs();
    List<String> missing = new ArrayList<>();
    for (ServiceDescriptor service : SERVICES) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        String name = method.getFullMethodName();
        if (operatorMayCall(name) && !EXCEPTIONS.containsKey(name) && !commanded.contains(name)) {
          missing.add(name);
        }
      }
    }
    assertThat(missing).as("RPCs an operator may call with no meshctl command").isEmpty();
  }

  @Test
  void every_declared_rpc_and_exception_exists_and_every_rbac_service_is_walked() {
    Set<String> known =
        SERVICES.stream()
            .flatMap(s -> s.getMethods().stream())
            .map(MethodDescriptor::getFullMethodName)
            .collect(Collectors.toSet());
    assertThat(known).containsAll(commandedRpcs()).containsAll(EXCEPTIONS.keySet());
    assertThat(known).containsAll(Rbac.methods().keySet());
    assertThat(EXCEPTIONS.keySet()).allMatch(CommandCoverageTest::operatorMayCall);
  }

  private static boolean operatorMayCall(String fullMethod) {
    String permission = Rbac.permissionFor(fullMethod).orElse(null);
    if (permission == null) {
      return false;
    }
    return Rbac.PUBLIC.equals(permission)
        || Rbac.permissions().get(permission).stream().anyMatch(OPERATORS::contains);
  }

  private static Set<String> commandedRpcs() {
    Set<String> out = new TreeSet<>();
    collect(Meshctl.commandLine(), out);
    return out;
  }

  private static void collect(CommandLine command, Set<String> out) {
    Rpc rpc = command.getCommand().getClass().getAnnotation(Rpc.class);
    if (rpc != null) {
      out.addAll(List.of(rpc.value()));
    }
    command.getSubcommands().values().forEach(c -> collect(c, out));
  }
}
