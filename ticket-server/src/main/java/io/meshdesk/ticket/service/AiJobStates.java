package io.meshdesk.ticket.service;

import io.meshdesk.ticket.domain.AiUnavailableReason;

/** The state of the tenant's AI jobs as the worker's calls move it, in the unit's transaction. */
public interface AiJobStates {

  /** Records a draft chunk; false when it is a duplicate or the job is finished or unknown. */
  boolean recordChunk(String jobId, int chunkIndex);

  /** Finishes a pending job as done; false when it was no longer pending. */
  boolean done(String jobId, String detail);

  /** Finishes a pending job as giving up; false when it was no longer pending. */
  boolean unavailable(String jobId, AiUnavailableReason reason, String detail);
}
