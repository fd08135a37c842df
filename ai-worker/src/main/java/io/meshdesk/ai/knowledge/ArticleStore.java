package io.meshdesk.ai.knowledge;

import io.meshdesk.platform.db.Hibernate;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.NotFoundException;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Articles in PostgreSQL ({@code knowledge.articles}) through Hibernate ({@link ArticleEntity}),
 * every session inside a tenant transaction so that both Hibernate's tenant filter and row-level
 * security confine it to that tenant. Writes name the version they expect and fail with {@link
 * ConflictException} when the article has moved on; they lock the row while they check, and every
 * accepted change is a new version.
 */
public final class ArticleStore implements AutoCloseable {

  private final Hibernate orm;

  /** A store over the application pool {@code dataSource}. */
  public ArticleStore(DataSource dataSource) {
    this.orm = new Hibernate(dataSource, List.of(ArticleEntity.class));
  }

  /** Inserts a new article; fails with {@link AlreadyExistsException} when the slug is taken. */
  public Article insert(Article a) {
    return orm.inTenant(
        a.tenantId(),
        s -> {
          if (slugOwner(s, a.slug()).isPresent()) {
            throw slugTaken(a.slug());
          }
          s.persist(ArticleEntity.of(a));
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
  public Article update(
      UUID tenant,
      UUID id,
      long expectedVersion,
      ArticleChange change,
      Article.Author by,
      Instant now) {
    return orm.inTenant(
        tenant,
        s -> {
          ArticleEntity row = lockedAt(s, id, expectedVersion);
          Article current = row.toArticle();
          if (change.slug() != null
              && slugOwner(s, change.slug()).filter(owner -> !owner.equals(id)).isPresent()) {
            throw slugTaken(change.slug());
          }
          row.change(
              change.slug() != null ? change.slug() : current.slug(),
              change.title() != null ? change.title() : current.title(),
              change.body() != null ? change.body() : current.body(),
              (change.tags() != null ? change.tags() : current.tags()).toArray(String[]::new),
              now,
              by);
          return row.toArticle();
        });
  }

  /** Deletes an article, at {@code expectedVersion} when given; returns the deleted article. */
  public Article delete(UUID tenant, UUID id, Long expectedVersion) {
    return orm.inTenant(
        tenant,
        s -> {
          ArticleEntity row = lockedAt(s, id, expectedVersion);
          Article current = row.toArticle();
          s.remove(row);
          return current;
        });
  }

  /** The article {@code id}, or empty. */
  public Optional<Article> byId(UUID tenant, UUID id) {
    return orm.inTenant(
        tenant,
        s -> Optional.ofNullable(s.find(ArticleEntity.class, id)).map(ArticleEntity::toArticle));
  }

  /** The article named {@code slug}, or empty. */
  public Optional<Article> bySlug(UUID tenant, String slug) {
    return orm.inTenant(
        tenant,
        s ->
            s.createSelectionQuery("from ArticleEntity where slug = :slug", ArticleEntity.class)
                .setParameter("slug", slug)
                .uniqueResultOptional()
                .map(ArticleEntity::toArticle));
  }

  /** The articles with these ids (missing ones are skipped), in no particular order. */
  public List<Article> byIds(UUID tenant, List<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return orm.inTenant(
        tenant,
        s ->
            s
                .createSelectionQuery("from ArticleEntity where id in :ids", ArticleEntity.class)
                .setParameter("ids", ids)
                .getResultList()
                .stream()
                .map(ArticleEntity::toArticle)
                .toList());
  }

  /**
   * One page of articles, most recently updated first (keyset on updated_at, id).
   *
   * @param after the last article of the previous page, or null for the first page
   * @param tag only articles with this tag, or null
   * @param updatedSince only articles updated at or after this time, or null
   * @param limit page size
   */
  public List<Article> page(
      UUID tenant, Article after, String tag, Instant updatedSince, int limit) {
    StringBuilder hql = new StringBuilder("from ArticleEntity a where true");
    if (after != null) {
      hql.append(" and (a.updatedAt < :afterAt or (a.updatedAt = :afterAt and a.id < :afterId))");
    }
    if (tag != null) {
      // The column is text[]; array_contains would compare it with a varchar[] and find no
      // operator.
      hql.append(" and array_position(a.tags, :tag) > 0");
    }
    if (updatedSince != null) {
      hql.append(" and a.updatedAt >= :since");
    }
    hql.append(" order by a.updatedAt desc, a.id desc");
    return orm.inTenant(
        tenant,
        s -> {
          SelectionQuery<ArticleEntity> q =
              s.createSelectionQuery(hql.toString(), ArticleEntity.class);
          if (after != null) {
            q.setParameter("afterAt", after.updatedAt()).setParameter("afterId", after.id());
          }
          if (tag != null) {
            q.setParameter("tag", tag);
          }
          if (updatedSince != null) {
            q.setParameter("since", updatedSince);
          }
          return q.setMaxResults(limit).getResultList().stream()
              .map(ArticleEntity::toArticle)
              .toList();
        });
  }

  @Override
  public void close() {
    orm.close();
  }

  /**
   * The article locked for this transaction, checked against {@code expectedVersion} when given.
   */
  private static ArticleEntity lockedAt(Session s, UUID id, Long expectedVersion) {
    ArticleEntity row = s.find(ArticleEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      throw new NotFoundException("article " + id + " not found");
    }
    if (expectedVersion != null && row.version() != expectedVersion) {
      throw new ConflictException(
          "article " + id + " is at version " + row.version(), row.version());
    }
    return row;
  }

  private static Optional<UUID> slugOwner(Session s, String slug) {
    return s.createSelectionQuery("select id from ArticleEntity where slug = :slug", UUID.class)
        .setParameter("slug", slug)
        .uniqueResultOptional();
  }

  private static AlreadyExistsException slugTaken(String slug) {
    return new AlreadyExistsException("an article with slug '" + slug + "' already exists");
  }
}
