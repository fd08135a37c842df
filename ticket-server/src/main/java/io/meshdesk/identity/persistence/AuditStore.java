package io.meshdesk.identity.persistence;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.meshdesk.identity.domain.Actor;
import io.meshdesk.identity.domain.AuditEvent;
import io.meshdesk.identity.service.AuditTrail;
import io.meshdesk.platform.db.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQL for the append-only {@code identity.audit_event} (the app role may only select and insert).
 */
final class AuditStore extends JdbcStore implements AuditTrail {

  AuditStore(Connection connection) {
    super(connection);
  }

  /** Appends one event. */
  @Override
  public void append(AuditEvent e) {
    sql(
        c ->
            Sql.update(
                c,
                "insert into identity.audit_event (id, tenant_id, actor_kind, actor_id, actor_name, action, target_type, target_id,"
                    + " occurred_at, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                e.id(),
                e.tenantId(),
                e.actor().kind().name(),
                e.actor().id(),
                e.actor().displayName(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.occurredAt(),
                JSONObjectUtils.toJSONString(new LinkedHashMap<>(e.details()))));
  }

  /** Events visible in the current scope, newest first. */
  @Override
  public List<AuditEvent> list(Filter f, int offset, int limit) {
    return sql(
        c -> {
          StringBuilder sql =
              new StringBuilder(
                  "select id, tenant_id, actor_kind, actor_id, actor_name, action, target_type, target_id, occurred_at, details::text"
                      + " as details from identity.audit_event where true");
          List<Object> args = new ArrayList<>();
          if (f.tenantId() != null) {
            sql.append(" and tenant_id = ?");
            args.add(f.tenantId());
          }
          if (f.action() != null) {
            sql.append(" and action = ?");
            args.add(f.action());
          }
          if (f.actorId() != null) {
            sql.append(" and actor_id = ?");
            args.add(f.actorId());
          }
          if (f.from() != null) {
            sql.append(" and occurred_at >= ?");
            args.add(f.from());
          }
          if (f.until() != null) {
            sql.append(" and occurred_at < ?");
            args.add(f.until());
          }
          sql.append(" order by occurred_at desc, id desc offset ? limit ?");
          args.add(offset);
          args.add(limit);
          return Sql.list(c, AuditStore::map, sql.toString(), args.toArray());
        });
  }

  private static AuditEvent map(ResultSet rs) throws SQLException {
    Map<String, String> details = new LinkedHashMap<>();
    try {
      JSONObjectUtils.parse(rs.getString("details"))
          .forEach((k, v) -> details.put(k, String.valueOf(v)));
    } catch (ParseException e) {
      details.put("unparsable", "true");
    }
    return new AuditEvent(
        Sql.uuid(rs, "id"),
        Sql.uuid(rs, "tenant_id"),
        new Actor(
            Actor.Kind.valueOf(rs.getString("actor_kind")),
            rs.getString("actor_id"),
            rs.getString("actor_name")),
        rs.getString("action"),
        rs.getString("target_type"),
        rs.getString("target_id"),
        Sql.instant(rs, "occurred_at"),
        details);
  }
}
