package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import io.meshdesk.ai.embedding.TextEmbedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;

/**
 * Adds, replaces and removes the index's documents, embedding each batch in one call to the model
 * (when there is one); every write is visible to the next search.
 */
final class IndexWrites {

  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final TextEmbedder embedder;

  IndexWrites(IndexWriter writer, SearcherManager searchers, TextEmbedder embedder) {
    this.writer = writer;
    this.searchers = searchers;
    this.embedder = embedder;
  }

  /** Adds or replaces solved tickets and articles. */
  void entries(List<IndexEntry> entries) {
    List<float[]> v = embedAll(entries.stream().map(IndexEntry::embeddedText).toList());
    List<Document> docs = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      docs.add(IndexDocs.of(entries.get(i), v == null ? null : v.get(i)));
    }
    writeAll(docs);
  }

  /** Adds or replaces labelled tickets. */
  void labels(List<IndexedLabel> labels) {
    List<float[]> v = embedAll(labels.stream().map(IndexedLabel::text).toList());
    List<Document> docs = new ArrayList<>(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      docs.add(IndexDocs.of(labels.get(i), v == null ? null : v.get(i)));
    }
    writeAll(docs);
  }

  /** Removes the ticket or article {@code id} of {@code tenantId}; absent ids are ignored. */
  void delete(UUID tenantId, String id) {
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
