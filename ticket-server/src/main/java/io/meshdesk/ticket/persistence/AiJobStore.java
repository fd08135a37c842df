package io.meshdesk.ticket.persistence;

import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ai.v1.AiJobKind;
import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.AiUnavailableReason;
import io.meshdesk.ticket.service.AiJobStates;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The state of AI job rows as the worker's calls move it: draft progress, then finished. */
public final class AiJobStore implements AiJobStates {

  private final TicketTx tx;

  public AiJobStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public boolean recordChunk(String jobId, int chunkIndex) {
    try {
      return recordChunk(tx.connection(), jobId, chunkIndex);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public boolean done(String jobId, String detail) {
    try {
      return finish(tx.connection(), jobId, "done", 0, detail);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public boolean unavailable(String jobId, AiUnavailableReason reason, String detail) {
    try {
      return finish(tx.connection(), jobId, "unavailable", reason.number(), detail);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  /**
   * A pending triage-and-draft job for a ticket version, registered with the transaction for
   * sending to Redis after commit; the caller inserts its row (see {@link TicketStore#insertNew},
   * which writes it with the ticket). Returns the job's id.
   */
  static UUID newJob(TicketTx tx, String ticketId, long ticketVersion) {
    UUID id = UUID.randomUUID();
    tx.jobs()
        .add(
            AiJob.newBuilder()
                .setJobId(id.toString())
                .setTenantId(tx.tenant().toString())
                .setTicketId(ticketId)
                .setKind(AiJobKind.AI_JOB_KIND_TRIAGE_AND_DRAFT)
                .setAttempt(1)
                .setEnqueuedAt(ProtoTime.timestamp(tx.now()))
                .setTicketVersion(ticketVersion)
                .build());
    return id;
  }

  /** Records a draft chunk; false when it is a duplicate or the job is finished or unknown. */
  private static boolean recordChunk(Connection c, String jobId, int chunkIndex)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set draft_chunks = ? where id = ? and status = 'pending' and draft_chunks <= ?")) {
      ps.setInt(1, chunkIndex + 1);
      ps.setObject(2, UUID.fromString(jobId));
      ps.setInt(3, chunkIndex);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Finishes a pending job with {@code status} ("done" or "unavailable"); false when it was no
   * longer pending.
   */
  private static boolean finish(
      Connection c, String jobId, String status, int reason, String detail) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "update ticket.ai_jobs set status = ?, reason = ?, detail = ? where id = ? and status = 'pending'")) {
      ps.setString(1, status);
      ps.setInt(2, reason);
      ps.setString(3, detail);
      ps.setObject(4, UUID.fromString(jobId));
      return ps.executeUpdate() == 1;
    }
  }
}
