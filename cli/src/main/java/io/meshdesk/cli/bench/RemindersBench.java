package io.meshdesk.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code meshctl bench reminders}: schedules N webhook reminders across tenants and two dispatch
 * instances sharing embedded PostgreSQL and Redis (in a JVM of their own unless {@code
 * --in-process}), delivers them to a loopback receiver in the bench's JVM, and reports scheduled vs
 * delivered, duplicates, dispatch throughput and the lag from due time to delivery. With {@code
 * --faults} it kills a dispatch worker after it sent a batch, restarts Redis empty, and kills a
 * worker before it acknowledged a batch, and prints what was in flight at each fault beside the
 * duplicates: every duplicate must be one of those.
 */
@Command(
    name = "reminders",
    description = "Reminder dispatch: delivered vs scheduled, duplicates, throughput, lag.")
public final class RemindersBench implements Callable<Integer> {

  @Mixin BenchOptions bench;

  @Option(
      names = "--count",
      defaultValue = "10000",
      description = "Reminders to schedule (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--faults",
      description = "Kill dispatch workers and restart Redis empty during the run.")
  boolean faults;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description =
          "Reminders falling due per second; 0 = all due at once (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--workers",
      defaultValue = "3",
      description = "Dispatch workers per instance, two instances (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--tenants",
      defaultValue = "4",
      description = "Tenants to spread reminders over (default: ${DEFAULT-VALUE}).")
  int tenants;

  @Option(
      names = "--timeout",
      defaultValue = "15m",
      converter = BenchOptions.DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || tenants < 1 || workers < 1) {
      throw new IllegalArgumentException("--count, --tenants and --workers must be positive");
    }
    bench.floor = false;
    LatencyStats lag = new LatencyStats();
    try (SystemUnderTest system = bench.start(SystemUnderTest.Kind.REMINDERS, workers, 24);
        BenchWebhookReceiver receiver = new BenchWebhookReceiver(lag)) {
      system.request("reminders-setup " + receiver.url() + " " + tenants);
      System.err.printf(
          "reminders: scheduling %d across %d tenants, 2 instances x %d workers, faults=%s%n",
          count, tenants, workers, faults);
      long start = System.nanoTime();
      system.request("reminders-schedule " + count + " " + rate);
      long deadline = start + timeout.toNanos();
      List<String> faultLog = awaitDeliveries(system, receiver, lag, deadline);
      double seconds = (receiver.lastFirstReceiptNanos() - start) / 1e9;
      String states = awaitSettled(system, deadline);
      Map<String, Object> extra = extra(system, receiver, seconds, states, faultLog);
      bench.print(List.of(BenchResult.of("reminders.dispatch", lag, seconds, extra)), System.out);
      return receiver.distinct() == count && number(states, "DELIVERED") == count ? 0 : 1;
    }
  }

  /**
   * Waits until every reminder has arrived or the deadline passed; with {@code --faults}, injects
   * one fault at each quarter of the deliveries. Returns the faults injected, and where.
   */
  private List<String> awaitDeliveries(
      SystemUnderTest system, BenchWebhookReceiver receiver, LatencyStats lag, long deadline) {
    List<String> faultLog = new ArrayList<>();
    try (Progress p = new Progress("reminders", lag, count, receiver::distinct, System.err)) {
      String[] kinds = {"kill-after-send", "redis-restart", "kill-before-ack"};
      int next = 0;
      while (receiver.distinct() < count && System.nanoTime() < deadline) {
        int done = receiver.distinct();
        if (faults && next < kinds.length && done >= count * (next + 1) / 4) {
          String answer = system.request("reminders-fault " + kinds[next]);
          faultLog.add(
              kinds[next] + "@" + done + (answer.startsWith("pending=") ? "(" + answer + ")" : ""));
          next++;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
    }
    return faultLog;
  }

  /**
   * The receiver may have everything while some rows still wait for their outcome (a send that
   * timed out after the receiver got it is retried): waits until nothing is open or the deadline
   * passed, and returns the delivery states.
   */
  private String awaitSettled(SystemUnderTest system, long deadline) {
    String states = system.request("reminders-states");
    while (!settled(states) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      states = system.request("reminders-states");
    }
    return states;
  }

  private Map<String, Object> extra(
      SystemUnderTest system,
      BenchWebhookReceiver receiver,
      double seconds,
      String states,
      List<String> faultLog) {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("scheduled", count);
    extra.put("delivered", receiver.distinct());
    extra.put(
        "delivered_pct",
        String.format(java.util.Locale.ROOT, "%.3f", 100.0 * receiver.distinct() / count));
    extra.put("duplicates", receiver.duplicates());
    extra.put("db_states", states);
    extra.put(
        "dispatch_per_second",
        String.format(java.util.Locale.ROOT, "%.0f", receiver.distinct() / seconds));
    extra.put("faults", faults ? String.join(", ", faultLog) : "none");
    if (faults) {
      extra.put("in_flight_at_faults", system.request("reminders-faults"));
    }
    extra.put("rate", rate == 0 ? "all due at once" : rate + "/s");
    extra.put("latency_is", "lag from due time to first receipt");
    return extra;
  }

  /**
   * Every delivery has its outcome: delivered or dead-lettered ({@code states} is {@code
   * {DELIVERED=n, ...}}).
   */
  private boolean settled(String states) {
    return number(states, "DELIVERED") + number(states, "DEAD_LETTERED") >= count;
  }

  private static long number(String states, String status) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\b" + status + "=(\\d+)").matcher(states);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
