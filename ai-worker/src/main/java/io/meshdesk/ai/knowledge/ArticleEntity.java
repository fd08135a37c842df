package io.meshdesk.ai.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * The row of {@code knowledge.articles} as Hibernate maps it. The tenant comes from the session
 * ({@code @TenantId}); the version is the article's own (the API exposes it), raised by every
 * change under a row lock; authors are stored like {@code common.v1.ActorKind} (1 user, 2 service
 * account).
 */
@Entity
@Table(schema = "knowledge", name = "articles")
class ArticleEntity {

  @TenantId
  @Column(name = "tenant_id")
  private UUID tenantId;

  @Id private UUID id;

  private String slug;
  private String title;
  private String body;
  private String[] tags;

  private long version;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "updated_at")
  private Instant updatedAt;

  @Column(name = "created_by_kind")
  private short createdByKind;

  @Column(name = "created_by_id")
  private String createdById;

  @Column(name = "updated_by_kind")
  private short updatedByKind;

  @Column(name = "updated_by_id")
  private String updatedById;

  protected ArticleEntity() {}

  /** A new row holding {@code a} (its tenant is the session's). */
  static ArticleEntity of(Article a) {
    ArticleEntity e = new ArticleEntity();
    e.id = a.id();
    e.version = a.version();
    e.createdAt = a.createdAt();
    e.createdByKind = kind(a.createdBy());
    e.createdById = a.createdBy().id();
    e.apply(
        a.slug(),
        a.title(),
        a.body(),
        a.tags().toArray(String[]::new),
        a.updatedAt(),
        a.updatedBy());
    return e;
  }

  /** Replaces the editable fields as a new version. */
  void change(
      String slug, String title, String body, String[] tags, Instant at, Article.Author by) {
    apply(slug, title, body, tags, at, by);
    version++;
  }

  private void apply(
      String slug, String title, String body, String[] tags, Instant at, Article.Author by) {
    this.slug = slug;
    this.title = title;
    this.body = body;
    this.tags = tags;
    this.updatedAt = at;
    this.updatedByKind = kind(by);
    this.updatedById = by.id();
  }

  long version() {
    return version;
  }

  Article toArticle() {
    return new Article(
        tenantId,
        id,
        slug,
        title,
        body,
        Arrays.asList(tags),
        version,
        createdAt,
        updatedAt,
        new Article.Author(createdByKind == 2, createdById),
        new Article.Author(updatedByKind == 2, updatedById));
  }

  private static short kind(Article.Author author) {
    return (short) (author.service() ? 2 : 1);
  }
}
