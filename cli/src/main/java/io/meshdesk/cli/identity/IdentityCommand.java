package io.meshdesk.cli.identity;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc;
import io.meshdesk.api.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.StubCommand;

/**
 * Base of the identity commands: one command against the identity service of the ticket server,
 * with the caller's token (or none, for the commands that sign in).
 */
abstract class IdentityCommand extends StubCommand<IdentityServiceBlockingStub> {

  /** Deadline of every identity call (the calls of {@link StubCommand}). */
  static final long DEADLINE_SECONDS = 30;

  /** Runs the command; returns the exit code. */
  abstract int run(IdentityServiceBlockingStub identity);

  /** Whether calls carry the caller's token (false for sign-in commands). */
  boolean authenticated() {
    return true;
  }

  @Override
  protected final IdentityServiceBlockingStub stub(Channel channel) {
    return IdentityServiceGrpc.newBlockingStub(channel);
  }

  @Override
  protected final ManagedChannel openChannel() {
    return authenticated() ? client.channel() : client.anonymousChannel();
  }

  @Override
  protected final int run(IdentityServiceBlockingStub identity, Output out) {
    return run(identity);
  }

  /** How to print results. */
  Output out() {
    return client.printer();
  }

  /** The output format. */
  ClientOptions.OutputFormat output() {
    return client.output();
  }
}
