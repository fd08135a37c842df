package io.meshdesk.cli.tickets;

import picocli.CommandLine.Command;

/** {@code meshctl sla}: the tenant's SLA policy (ticket server). */
@Command(
    name = "sla",
    description = "First-response and resolution targets per ticket priority.",
    subcommands = {TicketSet.GetSla.class, TicketSet.SetSla.class})
public final class SlaCommand {

  private SlaCommand() {}
}
