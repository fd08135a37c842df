package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ai.v1.AiJob;
import java.util.List;

/**
 * Receives what a write transaction produced once it has committed (events and AI jobs for Redis).
 */
@FunctionalInterface
public interface AfterCommit {

  /** Hands over the committed transaction's events and AI jobs. */
  void afterCommit(List<RoutedEvent> events, List<AiJob> jobs);
}
