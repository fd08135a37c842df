package io.meshdesk.ai.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an index's vectors consistent with the embedding model: the model id lives in the commit
 * data, and an index opened with another model has every document embedded again.
 */
final class ModelChange {

  private static final Logger log = LoggerFactory.getLogger(ModelChange.class);

  /** Documents embedded per batch while re-indexing. */
  static final int BATCH = 64;

  private final IndexWriter writer;
  private final SearcherManager searchers;

  ModelChange(IndexWriter writer, SearcherManager searchers) {
    this.writer = writer;
    this.searchers = searchers;
  }

  /** The model the stored vectors were computed with, or null for a new or vector-less index. */
  static String storedModel(IndexWriter writer) {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (KnowledgeIndex.MODEL_KEY.equals(e.getKey())) {
          return e.getValue();
        }
      }
    }
    return null;
  }

  /**
   * Re-embeds every document through {@code entries} and {@code labels} when the index was built
   * with another model than {@code model}, then records {@code model}.
   */
  void reembedIfChanged(
      String model, Consumer<List<IndexEntry>> entries, Consumer<List<IndexedLabel>> labels) {
    String stored = storedModel(writer);
    if (model.equals(stored)) {
      return;
    }
    try {
      List<Document> docs = liveDocuments();
      if (!docs.isEmpty()) {
        log.info(
            "knowledge index built with embedding model {}, now {}: re-embedding {} documents",
            stored,
            model,
            docs.size());
      }
      List<IndexEntry> batch = new ArrayList<>();
      List<IndexedLabel> labelBatch = new ArrayList<>();
      for (Document doc : docs) {
        if (IndexDocs.isLabel(doc)) {
          labelBatch.add(IndexDocs.label(doc));
        } else {
          batch.add(IndexDocs.entry(doc));
        }
        if (batch.size() == BATCH) {
          entries.accept(List.copyOf(batch));
          batch.clear();
        }
        if (labelBatch.size() == BATCH) {
          labels.accept(List.copyOf(labelBatch));
          labelBatch.clear();
        }
      }
      entries.accept(batch);
      labels.accept(labelBatch);
      writer.setLiveCommitData(Map.of(KnowledgeIndex.MODEL_KEY, model).entrySet());
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Document> liveDocuments() throws IOException {
    List<Document> docs = new ArrayList<>();
    searchers.maybeRefreshBlocking();
    IndexSearcher searcher = searchers.acquire();
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        LeafReader reader = leaf.reader();
        Bits live = reader.getLiveDocs();
        StoredFields stored = reader.storedFields();
        for (int i = 0; i < reader.maxDoc(); i++) {
          if (live == null || live.get(i)) {
            Document doc = stored.document(i);
            if (doc.get(IndexDocs.F_TENANT) != null && doc.get(IndexDocs.F_KIND) != null) {
              docs.add(doc);
            }
          }
        }
      }
    } finally {
      searchers.release(searcher);
    }
    return docs;
  }
}
