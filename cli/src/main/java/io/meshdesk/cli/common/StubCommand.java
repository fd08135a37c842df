package io.meshdesk.cli.common;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.stub.AbstractStub;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;

/**
 * A command that makes calls on one service: opens a channel with the common client options, hands
 * the command a stub with a deadline and the output style, and closes the channel after.
 *
 * @param <S> the blocking stub type
 */
public abstract class StubCommand<S extends AbstractStub<S>> implements Callable<Integer> {

  /** Deadline of each command's calls unless the command says otherwise. */
  private static final long DEADLINE_SECONDS = 30;

  /** Target, token, TLS and output options. */
  @Mixin protected ClientOptions client;

  /** The blocking stub of the command's service on {@code channel}. */
  protected abstract S stub(Channel channel);

  /**
   * Runs the command; throws IllegalArgumentException with one line for bad input.
   *
   * @return the exit code
   */
  protected abstract int run(S stub, Output out) throws Exception;

  /**
   * Deadline of each of the command's calls, in seconds; a {@code --timeout-seconds} option
   * overrides it.
   */
  protected long deadlineSeconds() {
    return DEADLINE_SECONDS;
  }

  /**
   * Checks the arguments before anything is sent; throws IllegalArgumentException with one line.
   */
  protected void validate() {}

  /** The channel of the command's calls: one that sends the caller's token. */
  protected ManagedChannel openChannel() {
    return client.channel();
  }

  /** The command's {@code --watch} option, for commands that offer one; null for the others. */
  protected Watch watch() {
    return null;
  }

  @Override
  public final Integer call() throws Exception {
    validate();
    ManagedChannel channel = openChannel();
    try {
      S stub = stub(channel);
      Output out = client.printer();
      Callable<Integer> once =
          () -> run(stub.withDeadlineAfter(deadlineSeconds(), TimeUnit.SECONDS), out);
      Watch watch = watch();
      return watch == null ? once.call() : watch.run(once);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
