package io.meshdesk.ticket.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** The state of AI job rows as the worker's calls move it: draft progress, then finished. */
public final class AiJobStore {

  private AiJobStore() {}

  /** Records a draft chunk; false when it is a duplicate or the job is finished or unknown. */
  public static boolean recordChunk(Connection c, String jobId, int chunkIndex)
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
  public static boolean finish(Connection c, String jobId, String status, int reason, String detail)
      throws SQLException {
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
