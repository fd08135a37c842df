package io.meshdesk.cli.identity;

import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;

/**
 * Base of the identity commands: opens a channel to the ticket server ({@code --target}) that sends
 * the caller's token, runs one command against the identity service, and closes it.
 */
abstract class IdentityCommand implements Callable<Integer> {

  /** Deadline of every identity call. */
  static final long DEADLINE_SECONDS = 30;

  @Mixin ClientOptions client;

  /** Runs the command; returns the exit code. */
  abstract int run(IdentityServiceBlockingStub identity);

  /** Whether calls carry the caller's token (false for sign-in commands). */
  boolean authenticated() {
    return true;
  }

  @Override
  public final Integer call() throws InterruptedException {
    validate();
    ManagedChannel channel = authenticated() ? client.channel() : client.anonymousChannel();
    try {
      return run(
          IdentityServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS));
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /**
   * Checks the arguments before anything is sent; throws IllegalArgumentException with one line.
   */
  void validate() {}

  /** How to print results. */
  Output out() {
    return client.printer();
  }

  /** The output format. */
  ClientOptions.OutputFormat output() {
    return client.output();
  }
}
