package io.meshdesk.ticket.persistence;

import io.meshdesk.platform.db.DataAccessException;
import io.meshdesk.platform.db.Sql;
import io.meshdesk.ticket.domain.TicketMerge;
import io.meshdesk.ticket.domain.TicketMerges;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** {@link TicketMerges} in {@code ticket.ticket_merges}, inside one write transaction. */
public final class TicketMergeStore implements TicketMerges {

  private static final String COLUMNS =
      "duplicate_id, target_id, merged_by, merged_at, comment_id, request_key";

  private final TicketTx tx;

  public TicketMergeStore(TicketTx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<TicketMerge> ofDuplicate(UUID duplicateId) {
    try {
      return Sql.one(
          tx.connection(),
          TicketMergeStore::map,
          "select " + COLUMNS + " from ticket.ticket_merges where duplicate_id = ?",
          duplicateId);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public Optional<TicketMerge> byRequestKey(String requestKey) {
    if (requestKey.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Sql.one(
          tx.connection(),
          TicketMergeStore::map,
          "select " + COLUMNS + " from ticket.ticket_merges where request_key = ?",
          requestKey);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  @Override
  public void add(TicketMerge m) {
    try {
      Sql.update(
          tx.connection(),
          "insert into ticket.ticket_merges (tenant_id, duplicate_id, target_id, merged_by, merged_at,"
              + " comment_id, request_key) values (?, ?, ?, ?, ?, ?, ?)",
          tx.tenant(),
          m.duplicateId(),
          m.targetId(),
          m.mergedBy(),
          m.mergedAt(),
          m.commentId(),
          m.requestKey().isEmpty() ? null : m.requestKey());
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  private static TicketMerge map(ResultSet rs) throws SQLException {
    String key = rs.getString("request_key");
    return new TicketMerge(
        Sql.uuid(rs, "duplicate_id"),
        Sql.uuid(rs, "target_id"),
        Sql.uuid(rs, "merged_by"),
        Sql.instant(rs, "merged_at"),
        Sql.uuid(rs, "comment_id"),
        key == null ? "" : key);
  }
}
