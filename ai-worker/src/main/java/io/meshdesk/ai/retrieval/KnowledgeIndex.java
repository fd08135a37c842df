package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import io.meshdesk.ai.embedding.TextEmbedder;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
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
  private final IndexWrites writes;
  private final WordSearch words;
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
    this.writes = new IndexWrites(writer, searchers, embedder);
    this.words = new WordSearch(searchers);
    this.vectors = new VectorSearch(searchers);
    if (embedder != null) {
      new ModelChange(writer, searchers)
          .reembedIfChanged(embedder.model(), writes::entries, writes::labels);
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
    writes.entries(entries);
  }

  /** Adds or replaces labelled tickets for learned triage, embedding them as one batch. */
  public void upsertLabels(List<IndexedLabel> labels) {
    writes.labels(labels);
  }

  /** Removes the ticket or article {@code id} of {@code tenantId}; absent ids are ignored. */
  public void delete(UUID tenantId, String id) {
    writes.delete(tenantId, id);
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
    return HybridRanking.fuse(words, meaning, limit);
  }

  /** The tenant's documents by BM25 alone, best first, with their BM25 scores. */
  public List<RetrievedDocument> searchWords(UUID tenantId, String text, int limit) {
    return words.documents(tenantId, text, limit);
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
    return similarResolutions(tenantId, text, embed(text), limit);
  }

  /** As {@link #similarResolutions(UUID, String, int)}, with the text's embedding (null: words). */
  public List<RetrievedDocument> similarResolutions(
      UUID tenantId, String text, float[] vector, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    // Articles share the index: look deeper than the limit, then keep the tickets.
    return search(tenantId, text, vector, Math.max(20, limit * 4)).stream()
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
}
