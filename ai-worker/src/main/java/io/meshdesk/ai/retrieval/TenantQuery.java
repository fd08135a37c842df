package io.meshdesk.ai.retrieval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the one kind of query the index runs: a disjunction of the analyzed terms over title, text
 * and resolution, wrapped with a tenant filter. Queries are made of term queries, never parsed, so
 * no user text can break them.
 */
final class TenantQuery {

  /** Caps the clause count for very long tickets; the first terms are the subject's. */
  static final int MAX_TERMS = 64;

  static final float TITLE_BOOST = 2.0f;
  static final float TEXT_BOOST = 1.0f;
  static final float RESOLUTION_BOOST = 0.5f;

  private TenantQuery() {}

  /** The tenant-filtered query for {@code terms}, or null when there is nothing to match. */
  static Query build(String tenantId, List<String> terms) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String term : terms) {
      if (counts.size() >= MAX_TERMS && !counts.containsKey(term)) {
        continue;
      }
      counts.merge(term, 1, Integer::sum);
    }
    if (counts.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
    counts.forEach(
        (term, count) -> {
          // A word the customer repeats matters more, but only mildly.
          float weight = (float) (1.0 + Math.log(count));
          anyTerm.add(field(IndexDocs.F_TITLE, term, weight * TITLE_BOOST), Occur.SHOULD);
          anyTerm.add(field(IndexDocs.F_TEXT, term, weight * TEXT_BOOST), Occur.SHOULD);
          anyTerm.add(field(IndexDocs.F_RESOLUTION, term, weight * RESOLUTION_BOOST), Occur.SHOULD);
        });
    return new BooleanQuery.Builder()
        .add(anyTerm.build(), Occur.MUST)
        .add(new TermQuery(new Term(IndexDocs.F_TENANT, tenantId)), Occur.FILTER)
        .build();
  }

  private static Query field(String field, String term, float boost) {
    return new BoostQuery(new TermQuery(new Term(field, term)), boost);
  }
}
