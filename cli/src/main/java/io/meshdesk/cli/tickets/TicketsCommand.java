package io.meshdesk.cli.tickets;

import picocli.CommandLine.Command;

/** {@code meshctl tickets}: the support desk's tickets. */
@Command(
    name = "tickets",
    description = "Tickets of the token's tenant.",
    subcommands = {TicketsWatchCommand.class})
public final class TicketsCommand {}
