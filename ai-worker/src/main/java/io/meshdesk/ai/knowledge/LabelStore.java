package io.meshdesk.ai.knowledge;

import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.platform.db.Transactions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Tickets with their final triage labels ({@code knowledge.labels}, row-level secured). */
public final class LabelStore {

  private final Transactions tx;

  public LabelStore(Transactions tx) {
    this.tx = tx;
  }

  /** Adds or replaces the labels of a ticket: the latest values win. */
  public void upsert(IndexedLabel l, Instant at) {
    tx.inTenant(
        l.tenantId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "insert into knowledge.labels (tenant_id, ticket_id, text, category, priority, team, sentiment,"
                      + " labelled_at) values (?,?,?,?,?,?,?,?) on conflict (tenant_id, ticket_id) do update set"
                      + " text = excluded.text, category = excluded.category, priority = excluded.priority,"
                      + " team = excluded.team, sentiment = excluded.sentiment, labelled_at = excluded.labelled_at")) {
            ps.setObject(1, l.tenantId());
            ps.setObject(2, UUID.fromString(l.ticketId()));
            ps.setString(3, l.text());
            ps.setString(4, l.category());
            ps.setString(5, l.priority());
            ps.setString(6, l.team());
            ps.setString(7, l.sentiment());
            ps.setTimestamp(8, Timestamp.from(at));
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Every labelled ticket of the tenant. */
  public List<IndexedLabel> all(UUID tenant) {
    return tx.inTenant(
        tenant,
        c -> {
          List<IndexedLabel> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "select ticket_id, text, category, priority, team, sentiment from knowledge.labels");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new IndexedLabel(
                      tenant,
                      rs.getObject(1, UUID.class).toString(),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6)));
            }
          }
          return out;
        });
  }
}
