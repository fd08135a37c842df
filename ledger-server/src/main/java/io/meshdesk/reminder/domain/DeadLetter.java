package io.meshdesk.reminder.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery that spent its attempt budget.
 *
 * @param id dead-letter id
 * @param delivery the failed delivery
 * @param reason last error
 * @param deadLetteredAt when it was dead-lettered
 * @param retryCount times it was retried from the queue
 */
public record DeadLetter(
    UUID id, Delivery delivery, String reason, Instant deadLetteredAt, int retryCount) {}
