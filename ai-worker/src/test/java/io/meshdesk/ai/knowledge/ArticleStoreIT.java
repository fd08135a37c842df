package io.meshdesk.ai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.errors.AlreadyExistsException;
import io.meshdesk.platform.errors.ConflictException;
import io.meshdesk.platform.errors.NotFoundException;
import io.meshdesk.testing.TestEnvironment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The article store on Hibernate against real PostgreSQL as the application role: versions start at
 * 1 and rise with each change, stale versions and taken slugs are refused, paging and the tag
 * filter hold, and another tenant neither sees nor changes the article.
 */
class ArticleStoreIT {

  private static Database database;
  private static ArticleStore store;
  private static final Article.Author AUTHOR = new Article.Author(false, "u-1");
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("article-store");
    Migrations.apply(db, AiWorker.CHANGELOGS);
    database = new Database(db, "article-store");
    store = new ArticleStore(database.dataSource());
  }

  @AfterAll
  static void stop() {
    store.close();
    database.close();
  }

  private static Article article(UUID tenant, String slug, Instant at, String... tags) {
    return new Article(
        tenant,
        UUID.randomUUID(),
        slug,
        "Title " + slug,
        "Body of " + slug,
        List.of(tags),
        1,
        at,
        at,
        AUTHOR,
        AUTHOR);
  }

  @Test
  void updateRaisesTheVersionAndRefusesAStaleOne() {
    UUID tenant = UUID.randomUUID();
    Article a = store.insert(article(tenant, "refunds", T0, "billing"));
    assertThat(store.byId(tenant, a.id())).contains(a);

    Article b =
        store.update(
            tenant,
            a.id(),
            1,
            new ArticleChange("Refunds, revised", null, null, null),
            new Article.Author(true, "sa-9"),
            T0.plusSeconds(60));
    assertThat(b.version()).isEqualTo(2);
    assertThat(b.title()).isEqualTo("Refunds, revised");
    assertThat(b.slug()).isEqualTo("refunds");
    assertThat(b.updatedBy()).isEqualTo(new Article.Author(true, "sa-9"));
    assertThat(store.bySlug(tenant, "refunds").orElseThrow()).isEqualTo(b);
    assertThat(storedVersion(tenant, a.id())).isEqualTo(2);

    assertThatThrownBy(
            () ->
                store.update(
                    tenant,
                    a.id(),
                    1,
                    new ArticleChange("lost update", null, null, null),
                    AUTHOR,
                    T0.plusSeconds(120)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2");
    assertThat(store.byId(tenant, a.id()).orElseThrow().title()).isEqualTo("Refunds, revised");

    assertThatThrownBy(() -> store.delete(tenant, a.id(), 1L))
        .isInstanceOf(ConflictException.class);
    assertThat(store.delete(tenant, a.id(), 2L).id()).isEqualTo(a.id());
    assertThat(store.byId(tenant, a.id())).isEmpty();
    assertThatThrownBy(() -> store.delete(tenant, a.id(), null))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void slugsAreUniquePerTenantOnly() {
    UUID tenant = UUID.randomUUID();
    Article first = store.insert(article(tenant, "cards", T0));
    Article second = store.insert(article(tenant, "limits", T0));
    assertThatThrownBy(() -> store.insert(article(tenant, "cards", T0)))
        .isInstanceOf(AlreadyExistsException.class);
    assertThatThrownBy(
            () ->
                store.update(
                    tenant,
                    second.id(),
                    1,
                    new ArticleChange(null, null, null, "cards"),
                    AUTHOR,
                    T0))
        .isInstanceOf(AlreadyExistsException.class);
    assertThat(
            store
                .update(
                    tenant, first.id(), 1, new ArticleChange(null, null, null, "cards"), AUTHOR, T0)
                .version())
        .isEqualTo(2);

    UUID other = UUID.randomUUID();
    assertThat(store.insert(article(other, "cards", T0)).slug()).isEqualTo("cards");
  }

  @Test
  void pagesRunNewestFirstAndFilterByTagAndTime() {
    UUID tenant = UUID.randomUUID();
    Article a = store.insert(article(tenant, "a", T0, "billing"));
    Article b = store.insert(article(tenant, "b", T0.plusSeconds(10), "cards"));
    Article c = store.insert(article(tenant, "c", T0.plusSeconds(10), "billing", "cards"));
    Article d = store.insert(article(tenant, "d", T0.plusSeconds(20)));

    List<Article> first = store.page(tenant, null, null, null, 2);
    // PostgreSQL orders uuids by their unsigned bytes, as their hex strings sort.
    Article tieFirst = b.id().toString().compareTo(c.id().toString()) > 0 ? b : c;
    Article tieSecond = tieFirst == b ? c : b;
    assertThat(first).extracting(Article::slug).containsExactly("d", tieFirst.slug());
    assertThat(store.page(tenant, first.get(1), null, null, 2))
        .extracting(Article::slug)
        .containsExactly(tieSecond.slug(), "a");
    assertThat(store.page(tenant, null, "billing", null, 10))
        .extracting(Article::slug)
        .containsExactly("c", "a");
    assertThat(store.page(tenant, null, null, T0.plusSeconds(10), 10))
        .extracting(Article::id)
        .containsExactlyInAnyOrder(b.id(), c.id(), d.id());
    assertThat(store.byIds(tenant, List.of(a.id(), d.id(), UUID.randomUUID())))
        .extracting(Article::slug)
        .containsExactlyInAnyOrder("a", "d");
  }

  @Test
  void anotherTenantNeitherSeesNorChangesTheArticle() {
    UUID owner = UUID.randomUUID();
    UUID intruder = UUID.randomUUID();
    Article a = store.insert(article(owner, "private", T0.truncatedTo(ChronoUnit.MICROS)));

    assertThat(store.byId(intruder, a.id())).isEmpty();
    assertThat(store.bySlug(intruder, "private")).isEmpty();
    assertThat(store.byIds(intruder, List.of(a.id()))).isEmpty();
    assertThat(store.page(intruder, null, null, null, 10)).isEmpty();
    assertThatThrownBy(
            () ->
                store.update(
                    intruder,
                    a.id(),
                    1,
                    new ArticleChange("defaced", null, null, null),
                    AUTHOR,
                    T0))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> store.delete(intruder, a.id(), null))
        .isInstanceOf(NotFoundException.class);
    assertThat(store.byId(owner, a.id())).contains(a);
  }

  /** The version column as PostgreSQL has it, read without Hibernate. */
  private static long storedVersion(UUID tenant, UUID id) {
    return new Transactions(database.dataSource())
        .inTenant(
            tenant,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("select version from knowledge.articles where id = ?")) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
            });
  }
}
