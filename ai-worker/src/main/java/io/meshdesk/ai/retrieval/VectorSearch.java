package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;

/** Nearest-neighbour searches over the index's HNSW vectors, always filtered by tenant and kind. */
final class VectorSearch {

  private final SearcherManager searchers;

  VectorSearch(SearcherManager searchers) {
    this.searchers = searchers;
  }

  /** Solved tickets and articles (or only {@code kinds}) nearest to {@code vector}. */
  List<RetrievedDocument> documents(UUID tenant, float[] vector, int limit, Kind... kinds) {
    Kind[] wanted = kinds.length == 0 ? Kind.values() : kinds;
    List<String> names = new ArrayList<>();
    for (Kind k : wanted) {
      names.add(k.name());
    }
    List<RetrievedDocument> out = new ArrayList<>();
    search(
        tenant,
        vector,
        limit,
        names,
        (doc, cosine) -> out.add(IndexDocs.retrieved(doc, 0, cosine)));
    return out;
  }

  /** Labelled tickets nearest to {@code vector}. */
  List<IndexedLabel.Hit> labels(UUID tenant, float[] vector, int k) {
    List<IndexedLabel.Hit> out = new ArrayList<>();
    search(
        tenant,
        vector,
        k,
        List.of(IndexDocs.LABEL),
        (doc, cosine) -> out.add(new IndexedLabel.Hit(IndexDocs.label(doc), cosine)));
    return out;
  }

  int labelCount(UUID tenant) {
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        return searcher.count(filter(tenant, List.of(IndexDocs.LABEL)));
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface HitSink {
    void accept(Document doc, double cosine);
  }

  private void search(UUID tenant, float[] vector, int k, List<String> kinds, HitSink sink) {
    Objects.requireNonNull(tenant, "tenant");
    if (vector == null || k <= 0) {
      return;
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        Query query = new KnnFloatVectorQuery(IndexDocs.F_VECTOR, vector, k, filter(tenant, kinds));
        TopDocs top = searcher.search(query, k);
        for (ScoreDoc hit : top.scoreDocs) {
          sink.accept(searcher.storedFields().document(hit.doc), IndexDocs.cosine(hit.score));
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Query filter(UUID tenant, List<String> kinds) {
    BooleanQuery.Builder anyKind = new BooleanQuery.Builder();
    kinds.forEach(k -> anyKind.add(new TermQuery(new Term(IndexDocs.F_KIND, k)), Occur.SHOULD));
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexDocs.F_TENANT, tenant.toString())), Occur.FILTER)
        .add(anyKind.build(), Occur.FILTER)
        .build();
  }
}
