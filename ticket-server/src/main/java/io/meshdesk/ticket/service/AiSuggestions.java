package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.AiSuggestion;
import java.util.Optional;

/** The tenant's stored AI suggestions, in the unit's transaction. */
public interface AiSuggestions {

  /** Stores a suggestion; false when its job already has one (nothing is written then). */
  boolean add(AiSuggestion suggestion);

  /** Replaces a suggestion with its version carrying new feedback. */
  void saveFeedback(AiSuggestion suggestion);

  /** A suggestion by id. */
  Optional<AiSuggestion> find(String id);

  /** The suggestion made for a job. */
  Optional<AiSuggestion> byJob(String jobId);
}
