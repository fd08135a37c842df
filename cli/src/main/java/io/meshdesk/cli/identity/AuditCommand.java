package io.meshdesk.cli.identity;

import picocli.CommandLine.Command;

/** {@code meshctl audit}: the append-only audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read the audit log (tenant admins: their tenant; platform admins: all).",
    subcommands = {AuditListCommand.class})
public final class AuditCommand {}
