package io.meshdesk.reminder.dispatch;

import java.util.List;
import java.util.UUID;

/**
 * Points in a worker's cycle where tests inject faults. Production uses {@link #NONE}. A hook that
 * throws {@link WorkerKilled} makes the worker stop on the spot, as if its process died.
 */
public interface DispatchHooks {

  /** No faults. */
  DispatchHooks NONE = new DispatchHooks() {};

  /** After the gateways were called for {@code deliveryIds}, before the outcomes are recorded. */
  default void afterSend(String consumer, List<UUID> deliveryIds) {}

  /** After the outcomes were recorded, before the stream messages are acked. */
  default void beforeAck(String consumer, List<UUID> deliveryIds) {}

  /** Thrown by a hook to kill the worker that runs it. */
  final class WorkerKilled extends RuntimeException {
    public WorkerKilled() {
      super("worker killed by a test hook", null, false, false);
    }
  }
}
