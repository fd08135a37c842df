package io.meshdesk.ai.knowledge;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.retrieval.IndexEntry;
import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.platform.errors.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' knowledge: articles and solved tickets in PostgreSQL (the source of truth) and the
 * Lucene index derived from them. Every write goes to PostgreSQL first, then to the index, so the
 * index never holds what the database does not; {@link #rebuildIndex()} re-derives it at start.
 */
public final class KnowledgeBase {

  private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

  /** Documents embedded per batch when the index is rebuilt. */
  static final int BATCH = 64;

  private final ArticleStore articles;
  private final ResolutionStore resolutions;
  private final LabelStore labels;
  private final KnowledgeIndex index;
  private final Clock clock;

  public KnowledgeBase(
      ArticleStore articles, ResolutionStore resolutions, KnowledgeIndex index, Clock clock) {
    this.articles = Objects.requireNonNull(articles);
    this.resolutions = Objects.requireNonNull(resolutions);
    this.labels = new LabelStore(resolutions.transactions());
    this.index = Objects.requireNonNull(index);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Creates an article; an empty slug is derived from the title. */
  public Article create(
      UUID tenant, String title, String body, List<String> tags, String slug, Article.Author by) {
    Instant now = clock.instant();
    String s = slug == null || slug.isBlank() ? Slugs.of(title) : slug;
    Article a =
        articles.insert(
            new Article(tenant, UUID.randomUUID(), s, title, body, tags, 1, now, now, by, by));
    resolutions.registerTenant(tenant);
    index.upsertArticle(tenant, a.id().toString(), a.title(), indexedBody(a));
    return a;
  }

  /** Changes an article at an expected version. */
  public Article update(
      UUID tenant, UUID id, long expectedVersion, ArticleChange change, Article.Author by) {
    Article a = articles.update(tenant, id, expectedVersion, change, by, clock.instant());
    index.upsertArticle(tenant, a.id().toString(), a.title(), indexedBody(a));
    return a;
  }

  /** Deletes an article, at {@code expectedVersion} when not null. */
  public void delete(UUID tenant, UUID id, Long expectedVersion) {
    articles.delete(tenant, id, expectedVersion);
    index.delete(tenant, id.toString());
  }

  /** The article with this id. */
  public Article get(UUID tenant, UUID id) {
    return articles
        .byId(tenant, id)
        .orElseThrow(() -> new NotFoundException("article " + id + " not found"));
  }

  /** The article with this slug. */
  public Article getBySlug(UUID tenant, String slug) {
    return articles
        .bySlug(tenant, slug)
        .orElseThrow(() -> new NotFoundException("article '" + slug + "' not found"));
  }

  /**
   * A page of articles, most recently updated first; {@code after} names the previous page's last.
   */
  public List<Article> list(UUID tenant, UUID after, String tag, Instant updatedSince, int limit) {
    Article cursor = after == null ? null : articles.byId(tenant, after).orElse(null);
    if (after != null && cursor == null) {
      return List.of(); // the cursor article was deleted meanwhile; the caller restarts
    }
    return articles.page(tenant, cursor, tag, updatedSince, limit);
  }

  /**
   * BM25 search over the tenant's articles (words, not meaning: a nearest-vector list always has
   * results, relevant or not); hits must carry every tag in {@code tags}.
   */
  public List<ArticleHit> search(UUID tenant, String query, int limit, List<String> tags) {
    List<RetrievedDocument> docs = index.searchWords(tenant, query, Math.max(50, limit * 5));
    Map<UUID, Double> scores = new LinkedHashMap<>();
    for (RetrievedDocument d : docs) {
      if (d.kind() == RetrievedDocument.Kind.ARTICLE) {
        scores.put(UUID.fromString(d.id()), d.score());
      }
    }
    Map<UUID, Article> byId = new LinkedHashMap<>();
    for (Article a : articles.byIds(tenant, List.copyOf(scores.keySet()))) {
      byId.put(a.id(), a);
    }
    List<ArticleHit> hits = new ArrayList<>();
    for (var e : scores.entrySet()) {
      Article a = byId.get(e.getKey());
      if (a != null && a.tags().containsAll(tags) && hits.size() < limit) {
        hits.add(new ArticleHit(a, Snippets.around(a.body(), query), e.getValue()));
      }
    }
    return hits;
  }

  /** Records a solved ticket and indexes its resolution (idempotent; a re-solve replaces it). */
  public void recordResolution(Resolution r) {
    resolutions.upsert(r);
    resolutions.registerTenant(r.tenantId());
    index.upsertTicketResolution(
        r.tenantId(), r.ticketId().toString(), r.subject(), r.problem(), r.resolution());
  }

  /**
   * Records a ticket's triage labels (a solved ticket's final values, or an agent's correction of
   * the AI's suggestion) for learned triage; the latest labels of a ticket win.
   */
  public void recordLabel(IndexedLabel label) {
    labels.upsert(label, clock.instant());
    resolutions.registerTenant(label.tenantId());
    index.upsertLabels(List.of(label));
  }

  /** The index (retrieval, similar tickets, learned triage's neighbours). */
  public KnowledgeIndex index() {
    return index;
  }

  /** Records that a tenant is served (so the start-up rebuild and the catch-up cover it). */
  public void registerTenant(UUID tenant) {
    resolutions.registerTenant(tenant);
  }

  /** The tenant's documents most similar to {@code text}, for drafting. */
  public List<RetrievedDocument> retrieve(UUID tenant, String text, int limit) {
    return index.search(tenant, text, limit);
  }

  /** As {@link #retrieve(UUID, String, int)} with the text's embedding (null: words only). */
  public List<RetrievedDocument> retrieve(UUID tenant, String text, float[] vector, int limit) {
    return index.search(tenant, text, vector, limit);
  }

  /** The tenant's solved tickets most similar to {@code text}, with their resolutions. */
  public List<RetrievedDocument> similarResolutions(UUID tenant, String text, int limit) {
    return index.similarResolutions(tenant, text, limit);
  }

  /** As {@link #similarResolutions(UUID, String, int)} with the text's embedding (null: words). */
  public List<RetrievedDocument> similarResolutions(
      UUID tenant, String text, float[] vector, int limit) {
    return index.similarResolutions(tenant, text, vector, limit);
  }

  /**
   * Re-derives the index from PostgreSQL for every registered tenant; returns documents indexed.
   */
  public int rebuildIndex() {
    int n = 0;
    for (UUID tenant : resolutions.tenants()) {
      List<IndexEntry> batch = new ArrayList<>();
      for (Resolution r : resolutions.all(tenant)) {
        batch.add(
            new IndexEntry(
                tenant,
                RetrievedDocument.Kind.RESOLVED_TICKET,
                r.ticketId().toString(),
                r.subject(),
                r.problem(),
                r.resolution()));
        n += flushIfFull(batch);
      }
      List<Article> page = articles.page(tenant, null, null, null, 500);
      while (!page.isEmpty()) {
        for (Article a : page) {
          batch.add(
              new IndexEntry(
                  tenant,
                  RetrievedDocument.Kind.ARTICLE,
                  a.id().toString(),
                  a.title(),
                  indexedBody(a),
                  ""));
          n += flushIfFull(batch);
        }
        page =
            page.size() < 500 ? List.of() : articles.page(tenant, page.getLast(), null, null, 500);
      }
      index.upsertAll(batch);
      n += batch.size();
      List<IndexedLabel> tenantLabels = labels.all(tenant);
      for (int i = 0; i < tenantLabels.size(); i += BATCH) {
        index.upsertLabels(tenantLabels.subList(i, Math.min(tenantLabels.size(), i + BATCH)));
      }
      n += tenantLabels.size();
    }
    int total = n;
    log.info("knowledge index rebuilt from PostgreSQL: {} documents", total);
    return total;
  }

  /** Indexes (and embeds, as one batch) a full batch; returns how many were indexed. */
  private int flushIfFull(List<IndexEntry> batch) {
    if (batch.size() < BATCH) {
      return 0;
    }
    index.upsertAll(batch);
    int n = batch.size();
    batch.clear();
    return n;
  }

  /** The store of solved tickets and tenants (for the catch-up). */
  public ResolutionStore resolutions() {
    return resolutions;
  }

  /** Tags are searchable words too. */
  private static String indexedBody(Article a) {
    return a.tags().isEmpty() ? a.body() : a.body() + "\n\n" + String.join(" ", a.tags());
  }
}
