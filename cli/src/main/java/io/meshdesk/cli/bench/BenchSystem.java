package io.meshdesk.cli.bench;

import io.meshdesk.cli.dev.DevCommand;
import io.meshdesk.platform.runtime.Shutdown;
import java.io.PrintStream;

/**
 * The system a benchmark measures when no {@code --target} is given: the whole of {@code meshctl
 * dev}, in this JVM, on free ports, with throwaway data.
 */
public final class BenchSystem implements AutoCloseable {

  private final Shutdown shutdown = new Shutdown();
  private final DevCommand.Running running;

  private BenchSystem(PrintStream log) throws Exception {
    DevCommand dev = new DevCommand();
    dev.useFreePorts();
    this.running = dev.start(shutdown, log);
  }

  /** Starts the embedded system; progress goes to {@code log}. */
  public static BenchSystem start(PrintStream log) throws Exception {
    return new BenchSystem(log);
  }

  /** Ports of the running system. */
  public DevCommand.Running running() {
    return running;
  }

  /** The ticket server's {@code host:port}. */
  public String ticketTarget() {
    return "127.0.0.1:" + running.ticketPort();
  }

  /** The ledger server's {@code host:port}. */
  public String ledgerTarget() {
    return "127.0.0.1:" + running.ledgerPort();
  }

  @Override
  public void close() {
    shutdown.close();
  }
}
