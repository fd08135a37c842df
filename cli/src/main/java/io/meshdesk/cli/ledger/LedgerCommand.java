package io.meshdesk.cli.ledger;

import picocli.CommandLine.Command;

/** {@code meshctl ledger}: card-ledger administration. */
@Command(
    name = "ledger",
    description = "Card ledger administration (use --target host:7002).",
    subcommands = {LedgerAuditCommand.class, LedgerReverseCommand.class, LedgerSettleCommand.class})
public final class LedgerCommand {}
