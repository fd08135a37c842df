package io.meshdesk.ai.assistant.persistence;

import io.meshdesk.ai.assistant.ConversationTurn;
import io.meshdesk.ai.assistant.Conversations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * {@link Conversations} in PostgreSQL ({@code assistant.conversations} and {@code assistant.turns},
 * row-level secured by tenant).
 */
public final class ConversationStore implements Conversations {

  private final Transactions tx;

  public ConversationStore(Transactions tx) {
    this.tx = tx;
  }

  @Override
  public List<ConversationTurn> lastTurns(UUID tenant, UUID owner, UUID conversation, int limit) {
    return tx.inTenant(
        tenant,
        c -> {
          requireOwner(c, owner, conversation, false);
          List<ConversationTurn> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "select question, answer, drafter, answered_at from assistant.turns"
                      + " where conversation_id = ? order by seq desc limit ?")) {
            ps.setObject(1, conversation);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ConversationTurn(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
              }
            }
          }
          Collections.reverse(out);
          return out;
        });
  }

  @Override
  public void append(UUID tenant, UUID owner, UUID conversation, ConversationTurn turn) {
    tx.inTenant(
        tenant,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into assistant.conversations (tenant_id, id, owner_id, created_at)"
                      + " values (?,?,?,?) on conflict do nothing")) {
            ps.setObject(1, tenant);
            ps.setObject(2, conversation);
            ps.setObject(3, owner);
            ps.setTimestamp(4, Timestamp.from(turn.answeredAt()));
            ps.executeUpdate();
          }
          requireOwner(c, owner, conversation, true);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into assistant.turns"
                      + " (tenant_id, conversation_id, seq, question, answer, drafter, answered_at)"
                      + " select ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? from assistant.turns"
                      + " where conversation_id = ?")) {
            ps.setObject(1, tenant);
            ps.setObject(2, conversation);
            ps.setString(3, turn.question());
            ps.setString(4, turn.answer());
            ps.setString(5, turn.drafter());
            ps.setTimestamp(6, Timestamp.from(turn.answeredAt()));
            ps.setObject(7, conversation);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Locks the conversation row when appending, so concurrent turns number themselves in turn. */
  private static void requireOwner(Connection c, UUID owner, UUID conversation, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select owner_id from assistant.conversations where id = ?"
                + (lock ? " for update" : ""))) {
      ps.setObject(1, conversation);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next() || !owner.equals(rs.getObject(1, UUID.class))) {
          throw new NotFoundException("conversation " + conversation + " not found");
        }
      }
    }
  }
}
