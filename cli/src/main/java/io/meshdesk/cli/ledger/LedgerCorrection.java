package io.meshdesk.cli.ledger;

import picocli.CommandLine.Option;

/**
 * Base of the commands that correct the ledger ({@code ledger reverse}, {@code ledger settle}): the
 * ledger service with a {@code --timeout-seconds} deadline.
 */
abstract class LedgerCorrection extends OnLedger {

  @Option(
      names = "--timeout-seconds",
      description = "Deadline (default: ${DEFAULT-VALUE}).",
      defaultValue = "30")
  int timeoutSeconds;

  @Override
  protected long deadlineSeconds() {
    return timeoutSeconds;
  }
}
