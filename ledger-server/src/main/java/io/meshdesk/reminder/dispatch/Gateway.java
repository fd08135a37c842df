package io.meshdesk.reminder.dispatch;

import io.meshdesk.reminder.domain.Delivery;

/** Sends one delivery to its destination; throws when the destination did not accept it. */
public interface Gateway {

  /**
   * Sends {@code delivery}, identified by its id so the receiver can drop a duplicate.
   *
   * @param signingSecret the rule's webhook secret (null for e-mail)
   * @throws DeliveryFailedException when the destination refused it or could not be reached
   */
  void send(Delivery delivery, String signingSecret) throws DeliveryFailedException;

  /** A failed send attempt (retried with backoff). */
  final class DeliveryFailedException extends Exception {
    public DeliveryFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
