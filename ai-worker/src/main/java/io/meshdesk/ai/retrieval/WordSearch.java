package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;

/** BM25 searches over the index's words, always filtered by tenant. */
final class WordSearch {

  private final SearcherManager searchers;

  WordSearch(SearcherManager searchers) {
    this.searchers = searchers;
  }

  /** The tenant's solved tickets and articles best matching {@code text}, with BM25 scores. */
  List<RetrievedDocument> documents(UUID tenant, String text, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    Query query = TenantQuery.build(tenant.toString(), TextAnalysis.terms(text));
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
}
