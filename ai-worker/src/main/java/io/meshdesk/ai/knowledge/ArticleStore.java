package io.meshdesk.ai.knowledge;

import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Articles in PostgreSQL ({@code knowledge.articles}), every statement inside a tenant transaction
 * so row-level security confines it to that tenant. Writes are optimistic: they name the version
 * they expect and fail with {@link ConflictException} when the article has moved on.
 */
public final class ArticleStore {

  private static final String COLUMNS =
      "tenant_id, id, slug, title, body, tags, version, created_at, updated_at,"
          + " created_by_kind, created_by_id, updated_by_kind, updated_by_id";

  private final Transactions tx;

  public ArticleStore(Transactions tx) {
    this.tx = tx;
  }

  /** Inserts a new article; fails with {@link AlreadyExistsException} when the slug is taken. */
  public Article insert(Article a) {
    return tx.inTenant(a.tenantId(), c -> {
      if (slugTaken(c, a.slug(), null)) {
        throw new AlreadyExistsException("an article with slug '" + a.slug() + "' already exists");
      }
      try (PreparedStatement ps = c.prepareStatement(
          "insert into knowledge.articles (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        bind(c, ps, a);
        ps.executeUpdate();
      }
      return a;
    });
  }

  /**
   * Applies {@code change} at {@code expectedVersion}.
   *
   * @throws NotFoundException when there is no such article in the tenant
   * @throws ConflictException when the current version differs
   * @throws AlreadyExistsException when the new slug is taken
   */
  public Article update(UUID tenant, UUID id, long expectedVersion, ArticleChange change, Article.Author by, Instant now) {
    return tx.inTenant(tenant, c -> {
      Article current = selectForUpdate(c, id).orElseThrow(() -> notFound(id));
      if (current.version() != expectedVersion) {
        throw new ConflictException("article " + id + " is at version " + current.version(), current.version());
      }
      if (change.slug() != null && slugTaken(c, change.slug(), id)) {
        throw new AlreadyExistsException("an article with slug '" + change.slug() + "' already exists");
      }
      Article next = new Article(
          tenant, id,
          change.slug() != null ? change.slug() : current.slug(),
          change.title() != null ? change.title() : current.title(),
          change.body() != null ? change.body() : current.body(),
          change.tags() != null ? change.tags() : current.tags(),
          current.version() + 1, current.createdAt(), now, current.createdBy(), by);
      try (PreparedStatement ps = c.prepareStatement(
          "update knowledge.articles set slug = ?, title = ?, body = ?, tags = ?, version = ?, updated_at = ?,"
              + " updated_by_kind = ?, updated_by_id = ? where tenant_id = ? and id = ?")) {
        ps.setString(1, next.slug());
        ps.setString(2, next.title());
        ps.setString(3, next.body());
        ps.setArray(4, c.createArrayOf("text", next.tags().toArray()));
        ps.setLong(5, next.version());
        ps.setTimestamp(6, Timestamp.from(now));
        ps.setShort(7, kind(by));
        ps.setString(8, by.id());
        ps.setObject(9, tenant);
        ps.setObject(10, id);
        ps.executeUpdate();
      }
      return next;
    });
  }

  /** Deletes an article, at {@code expectedVersion} when given; returns the deleted article. */
  public Article delete(UUID tenant, UUID id, Long expectedVersion) {
    return tx.inTenant(tenant, c -> {
      Article current = selectForUpdate(c, id).orElseThrow(() -> notFound(id));
      if (expectedVersion != null && current.version() != expectedVersion) {
        throw new ConflictException("article " + id + " is at version " + current.version(), current.version());
      }
      try (PreparedStatement ps = c.prepareStatement("delete from knowledge.articles where tenant_id = ? and id = ?")) {
        ps.setObject(1, tenant);
        ps.setObject(2, id);
        ps.executeUpdate();
      }
      return current;
    });
  }

  /** The article {@code id}, or empty. */
  public Optional<Article> byId(UUID tenant, UUID id) {
    return tx.inTenant(tenant, c -> one(c, "id = ?", id));
  }

  /** The article named {@code slug}, or empty. */
  public Optional<Article> bySlug(UUID tenant, String slug) {
    return tx.inTenant(tenant, c -> one(c, "slug = ?", slug));
  }

  /** The articles with these ids (missing ones are skipped), in no particular order. */
  public List<Article> byIds(UUID tenant, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return tx.inTenant(tenant, c -> {
      try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from knowledge.articles where id = any(?)")) {
        ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
        return all(ps);
      }
    });
  }

  /**
   * One page of articles, most recently updated first (keyset on updated_at, id).
   *
   * @param after the last article of the previous page, or null for the first page
   * @param tag only articles with this tag, or null
   * @param updatedSince only articles updated at or after this time, or null
   * @param limit page size
   */
  public List<Article> page(UUID tenant, Article after, String tag, Instant updatedSince, int limit) {
    return tx.inTenant(tenant, c -> {
      StringBuilder sql = new StringBuilder("select " + COLUMNS + " from knowledge.articles where true");
      List<Object> args = new ArrayList<>();
      if (after != null) {
        sql.append(" and (updated_at, id) < (?, ?)");
        args.add(Timestamp.from(after.updatedAt()));
        args.add(after.id());
      }
      if (tag != null) {
        sql.append(" and ? = any(tags)");
        args.add(tag);
      }
      if (updatedSince != null) {
        sql.append(" and updated_at >= ?");
        args.add(Timestamp.from(updatedSince));
      }
      sql.append(" order by updated_at desc, id desc limit ?");
      args.add(limit);
      try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          ps.setObject(i + 1, args.get(i));
        }
        return all(ps);
      }
    });
  }

  private static Optional<Article> one(Connection c, String where, Object arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from knowledge.articles where " + where)) {
      ps.setObject(1, arg);
      return all(ps).stream().findFirst();
    }
  }

  private static Optional<Article> selectForUpdate(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from knowledge.articles where id = ? for update")) {
      ps.setObject(1, id);
      return all(ps).stream().findFirst();
    }
  }

  private static boolean slugTaken(Connection c, String slug, UUID except) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select id from knowledge.articles where slug = ?")) {
      ps.setString(1, slug);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && !rs.getObject(1, UUID.class).equals(except);
      }
    }
  }

  private static List<Article> all(PreparedStatement ps) throws SQLException {
    List<Article> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Article(
            rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), Arrays.asList((String[]) rs.getArray(6).getArray()), rs.getLong(7),
            rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(),
            new Article.Author(rs.getShort(10) == 2, rs.getString(11)),
            new Article.Author(rs.getShort(12) == 2, rs.getString(13))));
      }
    }
    return out;
  }

  private static void bind(Connection c, PreparedStatement ps, Article a) throws SQLException {
    ps.setObject(1, a.tenantId());
    ps.setObject(2, a.id());
    ps.setString(3, a.slug());
    ps.setString(4, a.title());
    ps.setString(5, a.body());
    ps.setArray(6, c.createArrayOf("text", a.tags().toArray()));
    ps.setLong(7, a.version());
    ps.setTimestamp(8, Timestamp.from(a.createdAt()));
    ps.setTimestamp(9, Timestamp.from(a.updatedAt()));
    ps.setShort(10, kind(a.createdBy()));
    ps.setString(11, a.createdBy().id());
    ps.setShort(12, kind(a.updatedBy()));
    ps.setString(13, a.updatedBy().id());
  }

  /** Stored like common.v1.ActorKind: 1 user, 2 service account. */
  private static short kind(Article.Author author) {
    return (short) (author.service() ? 2 : 1);
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException("article " + id + " not found");
  }
}
