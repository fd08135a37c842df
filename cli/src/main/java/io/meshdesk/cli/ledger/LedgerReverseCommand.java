package io.meshdesk.cli.ledger;

import io.meshdesk.api.ledger.v1.LedgerServiceGrpc.LedgerServiceBlockingStub;
import io.meshdesk.api.ledger.v1.OperationResult;
import io.meshdesk.api.ledger.v1.ReverseRequest;
import io.meshdesk.api.ledger.v1.ReverseResponse;
import io.meshdesk.cli.common.Formats;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import java.io.PrintStream;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code meshctl ledger reverse}: corrects a posted fee, interest charge or payment with a
 * reversing entry (a fee waiver, an interest correction, a returned payment). Idempotent on its
 * key: run it again with the same key after a timeout and it answers the first result.
 */
@Command(
    name = "reverse",
    description = "Reverse a fee, interest or payment transaction with a mirroring entry.")
@Rpc("meshdesk.ledger.v1.LedgerService/Reverse")
public final class LedgerReverseCommand extends LedgerCorrection {

  @Option(names = "--card", required = true, description = "Card id.")
  String card;

  @Option(
      names = "--transaction",
      required = true,
      description = "Id of the FEE, INTEREST or PAYMENT transaction to reverse.")
  String transaction;

  @Option(
      names = "--reason",
      required = true,
      description = "Why; shown on the statement, 1-200 characters.")
  String reason;

  @Option(
      names = "--idempotency-key",
      description = "Key that makes a retry safe (default: a new random one).")
  String key;

  @Override
  protected int run(LedgerServiceBlockingStub ledger, Output out) {
    String idempotencyKey = key == null || key.isBlank() ? "cli-reverse-" + UUID.randomUUID() : key;
    ReverseResponse response =
        ledger.reverse(
            ReverseRequest.newBuilder()
                .setCardId(card)
                .setOriginalTransactionId(transaction)
                .setReason(reason)
                .setIdempotencyKey(idempotencyKey)
                .build());
    if (out.human()) {
      print(response.getResult(), idempotencyKey, System.out);
    } else {
      out.item(response.getResult(), "transaction");
      System.err.println("idempotency key: " + idempotencyKey);
    }
    return 0;
  }

  private static void print(OperationResult r, String key, PrintStream out) {
    var t = r.getTransaction();
    String balance = Formats.money(r.getBalance().getPostedBalance());
    out.printf(
        "%s %s %s reversing %s; posted balance %s (key %s)%n",
        r.getReplayed() ? "already posted:" : "posted",
        t.getType().name().substring(17),
        Formats.money(t.getAmount()),
        t.getOriginalTransactionId(),
        balance,
        key);
    out.printf("transaction %s%n", t.getId());
  }
}
