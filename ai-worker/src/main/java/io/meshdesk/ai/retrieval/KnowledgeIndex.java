package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import io.meshdesk.ai.embedding.TextEmbedder;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
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
 * The tenants' solved tickets and knowledge-base articles in one Lucene index: BM25 over their
 * words and, when built with a {@link TextEmbedder}, HNSW vectors (cosine) of their meaning beside
 * them, fused by reciprocal rank. It also holds the tenants' labelled tickets as vectors for
 * learned triage. Every document carries its tenant and every search is filtered by tenant, so
 * nothing ever crosses tenants. Writes are visible to the next search. Thread-safe.
 *
 * <p>The embedding model's id is kept in the index's commit data; an index opened with another
 * model re-embeds every document before use. I/O failures surface as {@link UncheckedIOException};
 * the index is derived data and can always be rebuilt from PostgreSQL.
 */
public final class KnowledgeIndex implements Closeable {

  /** Commit-data key naming the embedding model of the stored vectors. */
  static final String MODEL_KEY = "embedding_model";

  /** How many results of each ranking (words, vectors) go into the fusion. */
  static final int FUSION_DEPTH = 20;

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final TextEmbedder embedder;
  private final VectorSearch vectors;

  private KnowledgeIndex(Directory directory, TextEmbedder embedder) throws IOException {
    this.directory = directory;
    this.embedder = embedder;
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
    this.vectors = new VectorSearch(searchers);
    if (embedder != null) {
      new ModelChange(writer, searchers)
          .reembedIfChanged(embedder.model(), this::upsertAll, this::upsertLabels);
    }
  }

  /** An index in memory with BM25 only. */
  public static KnowledgeIndex inMemory() {
    return inMemory(null);
  }

  /** An index in memory, the worker's default (rebuilt from the database at start). */
  public static KnowledgeIndex inMemory(TextEmbedder embedder) {
    try {
      return new KnowledgeIndex(new ByteBuffersDirectory(), embedder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An index stored under {@code path} (created if missing) with BM25 only. */
  public static KnowledgeIndex open(Path path) throws IOException {
    return open(path, null);
  }

  /**
   * An index stored under {@code path} (created if missing), kept across restarts; re-embedded when
   * it was built with another model than {@code embedder}'s.
   */
  public static KnowledgeIndex open(Path path, TextEmbedder embedder) throws IOException {
    Directory directory = FSDirectory.open(path);
    try {
      return new KnowledgeIndex(directory, embedder);
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Whether documents carry vectors (the index was built with an embedder). */
  public boolean hasVectors() {
    return embedder != null;
  }

  /** The embedding of {@code text} by this index's model, or null without one. */
  public float[] embed(String text) {
    return embedder == null ? null : embedder.embed(text == null ? "" : text);
  }

  /** Adds or replaces a resolved ticket. */
  public void upsertTicketResolution(
      UUID tenantId, String ticketId, String subject, String problem, String resolution) {
    upsertAll(
        List.of(
            new IndexEntry(
                tenantId, Kind.RESOLVED_TICKET, ticketId, subject, problem, resolution)));
  }

  /** Adds or replaces a knowledge-base article. */
  public void upsertArticle(UUID tenantId, String articleId, String title, String body) {
    upsertAll(List.of(new IndexEntry(tenantId, Kind.ARTICLE, articleId, title, body, "")));
  }

  /** Adds or replaces documents, embedding them as one batch. */
  public void upsertAll(List<IndexEntry> entries) {
    List<float[]> v = embedAll(entries.stream().map(IndexEntry::embeddedText).toList());
    List<Document> docs = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      docs.add(IndexDocs.of(entries.get(i), v == null ? null : v.get(i)));
    }
    writeAll(docs);
  }

  /** Adds or replaces labelled tickets for learned triage, embedding them as one batch. */
  public void upsertLabels(List<IndexedLabel> labels) {
    List<float[]> v = embedAll(labels.stream().map(IndexedLabel::text).toList());
    List<Document> docs = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      docs.add(IndexDocs.of(labels.get(i), v == null ? null : v.get(i)));
    }
    writeAll(docs);
  }

  /** Removes the ticket or article {@code id} of {@code tenantId}; absent ids are ignored. */
  public void delete(UUID tenantId, String id) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(id, "id");
    try {
      for (Kind kind : Kind.values()) {
        writer.deleteDocuments(new Term(IndexDocs.F_KEY, IndexDocs.key(tenantId, kind.name(), id)));
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The tenant's solved tickets and articles most relevant to {@code text}, best first: BM25 and
   * vector results fused by reciprocal rank when the index has vectors, BM25 alone otherwise.
   *
   * @param tenantId the tenant whose documents may be returned; required
   * @param text free text (a ticket's subject and body); any characters are accepted
   * @param limit maximum number of results
   */
  public List<RetrievedDocument> search(UUID tenantId, String text, int limit) {
    return search(tenantId, text, embed(text), limit);
  }

  /** As {@link #search(UUID, String, int)}, with the text's embedding already computed. */
  public List<RetrievedDocument> search(UUID tenantId, String text, float[] vector, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    if (limit <= 0) {
      return List.of();
    }
    if (vector == null) {
      return searchWords(tenantId, text, limit);
    }
    List<RetrievedDocument> words = searchWords(tenantId, text, Math.max(limit, FUSION_DEPTH));
    List<RetrievedDocument> meaning =
        searchVectors(tenantId, vector, Math.max(limit, FUSION_DEPTH));
    Map<String, RetrievedDocument> byKey = new LinkedHashMap<>();
    Map<String, Double> similarity = new LinkedHashMap<>();
    meaning.forEach(d -> similarity.put(d.kind() + "/" + d.id(), d.similarity()));
    words.forEach(d -> byKey.put(d.kind() + "/" + d.id(), d));
    meaning.forEach(d -> byKey.putIfAbsent(d.kind() + "/" + d.id(), d));
    List<String> fused =
        RankFusion.fuse(
            words.stream().map(d -> d.kind() + "/" + d.id()).toList(),
            meaning.stream().map(d -> d.kind() + "/" + d.id()).toList());
    List<RetrievedDocument> out = new ArrayList<>(limit);
    for (String key : fused.subList(0, Math.min(limit, fused.size()))) {
      RetrievedDocument d = byKey.get(key);
      double sim = similarity.getOrDefault(key, Double.NaN);
      out.add(
          new RetrievedDocument(
              d.kind(), d.id(), d.title(), d.text(), d.resolution(), d.score(), sim));
    }
    return out;
  }

  /** The tenant's documents by BM25 alone, best first, with their BM25 scores. */
  public List<RetrievedDocument> searchWords(UUID tenantId, String text, int limit) {
    Objects.requireNonNull(tenantId, "tenantId");
    Query query = TenantQuery.build(tenantId.toString(), TextAnalysis.terms(text));
    if (query == null || limit <= 0) {
      return List.of();
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        // Lucene sizes its queue by the limit, so never ask for more than there are documents.
        int n = Math.min(limit, Math.max(1, searcher.getIndexReader().maxDoc()));
        TopDocs top = searcher.search(query, n);
        List<RetrievedDocument> results = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
          Document doc = searcher.storedFields().document(hit.doc);
          results.add(IndexDocs.retrieved(doc, hit.score, Double.NaN));
        }
        return results;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tenant's solved tickets and articles nearest to {@code vector}, best first. */
  public List<RetrievedDocument> searchVectors(UUID tenantId, float[] vector, int limit) {
    return vectors.documents(tenantId, vector, limit);
  }

  /**
   * The tenant's solved tickets that mean most nearly the same as {@code text}, most similar first
   * (empty for an index without vectors).
   *
   * @param tenantId the tenant whose tickets may be returned
   * @param text subject and body of the ticket to compare
   * @param k maximum number of tickets
   */
  public List<SimilarTicket> similarTickets(UUID tenantId, String text, int k) {
    float[] v = embed(text);
    if (v == null) {
      return List.of();
    }
    return vectors.documents(tenantId, v, k, Kind.RESOLVED_TICKET).stream()
        .map(d -> new SimilarTicket(d.id(), d.similarity()))
        .toList();
  }

  /** The tenant's labelled tickets nearest to {@code vector}, most similar first. */
  public List<IndexedLabel.Hit> nearestLabels(UUID tenantId, float[] vector, int k) {
    return vectors.labels(tenantId, vector, k);
  }

  /** How many labelled tickets the tenant has in the index. */
  public int labelCount(UUID tenantId) {
    return vectors.labelCount(tenantId);
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

  private List<float[]> embedAll(List<String> texts) {
    return embedder == null || texts.isEmpty() ? null : embedder.embedAll(texts);
  }

  private void writeAll(List<Document> docs) {
    try {
      for (Document doc : docs) {
        writer.updateDocument(new Term(IndexDocs.F_KEY, keyOf(doc)), doc);
      }
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String keyOf(Document doc) {
    return IndexDocs.key(
        UUID.fromString(doc.get(IndexDocs.F_TENANT)),
        doc.get(IndexDocs.F_KIND),
        doc.get(IndexDocs.F_ID));
  }
}
