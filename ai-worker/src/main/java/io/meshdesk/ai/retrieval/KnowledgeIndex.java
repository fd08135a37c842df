package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The tenants' resolved tickets and knowledge-base articles in one Lucene index, searched with
 * BM25. Every document carries its tenant and every search is filtered by tenant, so retrieval
 * never returns another tenant's documents. Writes are visible to the next search (near real time).
 * Thread-safe.
 *
 * <p>I/O failures of the underlying directory surface as {@link UncheckedIOException}. The index is
 * derived data: it can always be rebuilt from PostgreSQL.
 */
public final class KnowledgeIndex implements Closeable {

  static final String F_KEY = "key";
  static final String F_TENANT = "tenant_id";
  static final String F_ID = "id";
  static final String F_KIND = "kind";
  static final String F_TITLE = "title";
  static final String F_TEXT = "text";
  static final String F_RESOLUTION = "resolution";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private KnowledgeIndex(Directory directory) throws IOException {
    this.directory = directory;
    BM25Similarity similarity = new BM25Similarity();
    IndexWriterConfig config =
        new IndexWriterConfig(TextAnalysis.analyzer())
            .setSimilarity(similarity)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    this.writer = new IndexWriter(directory, config);
    this.searchers =
        new SearcherManager(
            writer,
            new SearcherFactory() {
              @Override
              public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                return searcher;
              }
            });
  }

  /** An index held in memory, the default; rebuilt from the database at start. */
  public static KnowledgeIndex inMemory() {
    try {
      return new KnowledgeIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index stored under {@code path} (created if missing), kept across restarts. */
  public static KnowledgeIndex open(Path path) throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      return new KnowledgeIndex(directory);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Adds or replaces a resolved ticket.
   *
   * @param tenantId owning tenant
   * @param ticketId ticket id, unique within the tenant
   * @param subject the ticket subject
   * @param problem the customer's description of the problem
   * @param resolution the public reply that resolved it
   */
  public void upsertTicketResolution(
      UUID tenantId, String ticketId, String subject, String problem, String resolution) {
    upsert(tenantId, Kind.RESOLVED_TICKET, ticketId, subject, problem, resolution);
  }

  /**
   * Adds or replaces a knowledge-base article.
   *
   * @param tenantId owning tenant
   * @param articleId article id, unique within the tenant
   * @param title the article title
   * @param body the article text
   */
  public void upsertArticle(UUID tenantId, String articleId, String title, String body) {
    upsert(tenantId, Kind.ARTICLE, articleId, title, body, "");
  }

  /** Removes the ticket or article {@code id} of {@code tenantId}; absent ids are ignored. */
  public void delete(UUID tenantId, String id) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    try {
      for (Kind kind : Kind.values()) {
        writer.deleteDocuments(new Term(F_KEY, key(tenantId, kind, id)));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tenant's documents most similar to {@code text}, best first.
   *
   * @param tenantId the tenant whose documents may be returned; required
   * @param text free text (a ticket's subject and body); any characters are accepted, and text
   *     without searchable words yields an empty list
   * @param limit maximum number of results
   * @return at most {@code limit} documents of {@code tenantId} with their BM25 scores
   */
  public List<RetrievedDocument> search(UUID tenantId, String text, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (limit <= 0) {
      return List.of();
    }
    Query query = TenantQuery.build(tenantId.toString(), TextAnalysis.terms(text));
    if (query == null) {
      return List.of();
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        // Lucene sizes its queue by the limit, so never ask for more than there are documents.
        int n = Math.min(limit, Math.max(1, searcher.getIndexReader().maxDoc()));
        TopDocs top = searcher.search(query, n);
        StoredFields stored = searcher.storedFields();
        List<RetrievedDocument> results = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          results.add(toRetrieved(stored.document(hit.doc), hit.score));
        }
        return results;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tenant's solved tickets most similar to {@code text}, best first: what the suggestion shows
   * agents as similar solved tickets, with their resolutions. Articles are left out.
   *
   * @param tenantId the tenant whose tickets may be returned; required
   * @param text free text (a ticket's subject and body)
   * @param limit maximum number of results
   */
  public List<RetrievedDocument> similarResolutions(UUID tenantId, String text, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    // Articles share the index: look deeper than the limit, then keep the tickets.
    return search(tenantId, text, Math.max(20, limit * 4)).stream()
        .filter(d -> d.kind() == Kind.RESOLVED_TICKET)
        .limit(limit)
        .toList();
  }

  /** Makes all writes durable (meaningful for an index on disk); also done on close. */
  public void commit() {
    try {
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    try (directory;
        writer;
        searchers) {
      writer.commit();
    }
  }

  private void upsert(
      UUID tenantId, Kind kind, String id, String title, String text, String resolution) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    String key = key(tenantId, kind, id);
    Document doc = new Document();
    doc.add(new StringField(F_KEY, key, Field.Store.NO));
    doc.add(new StringField(F_TENANT, tenantId.toString(), Field.Store.NO));
    doc.add(new StringField(F_ID, id, Field.Store.YES));
    doc.add(new StoredField(F_KIND, kind.name()));
    doc.add(new TextField(F_TITLE, nullToEmpty(title), Field.Store.YES));
    doc.add(new TextField(F_TEXT, nullToEmpty(text), Field.Store.YES));
    doc.add(new TextField(F_RESOLUTION, nullToEmpty(resolution), Field.Store.YES));
    try {
      writer.updateDocument(new Term(F_KEY, key), doc);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RetrievedDocument toRetrieved(Document doc, float score) {
    return new RetrievedDocument(
        Kind.valueOf(doc.get(F_KIND)),
        doc.get(F_ID),
        doc.get(F_TITLE),
        doc.get(F_TEXT),
        doc.get(F_RESOLUTION),
        score);
  }

  private static String key(UUID tenantId, Kind kind, String id) {
    return tenantId + "/" + kind.name() + "/" + id;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
