package io.meshdesk.ticket.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SequenceGateTest {

  @Test
  void aSecondWriterOfTheTenantWaitsUntilTheFirstLeaves() throws Exception {
    SequenceGate gate = new SequenceGate();
    UUID tenant = UUID.randomUUID();
    SequenceGate.Hold first = gate.hold(tenant);
    first.enter();
    first.enter(); // a second event of the same run: no second entry
    AtomicBoolean secondIn = new AtomicBoolean();
    Thread second =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  SequenceGate.Hold h = gate.hold(tenant);
                  h.enter();
                  secondIn.set(true);
                  h.leave();
                });
    // the marker: the second writer has reached the gate and parked there (or, were the gate open,
    // finished)
    await().until(() -> second.getState() == Thread.State.WAITING || !second.isAlive());
    assertThat(secondIn).isFalse();
    first.leave();
    second.join();
    assertThat(secondIn).isTrue();
  }

  @Test
  void leavingWithoutEnteringAndLeavingTwiceAreHarmless() {
    SequenceGate gate = new SequenceGate();
    UUID tenant = UUID.randomUUID();
    SequenceGate.Hold h = gate.hold(tenant);
    h.leave();
    h.enter();
    h.leave();
    h.leave();
    // the gate is free: another hold on another thread gets in at once
    AtomicBoolean in = new AtomicBoolean();
    Thread.ofVirtual()
        .start(
            () -> {
              SequenceGate.Hold other = gate.hold(tenant);
              other.enter();
              in.set(true);
              other.leave();
            });
    await().untilTrue(in);
  }
}
