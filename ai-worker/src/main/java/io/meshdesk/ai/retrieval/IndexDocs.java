package io.meshdesk.ai.retrieval;

import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.ai.drafting.RetrievedDocument.Kind;
import java.util.UUID;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;

/** The index's document layout: building documents and reading them back. */
final class IndexDocs {

  static final String F_KEY = "key";
  static final String F_TENANT = "tenant_id";
  static final String F_ID = "id";
  static final String F_KIND = "kind";
  static final String F_TITLE = "title";
  static final String F_TEXT = "text";
  static final String F_RESOLUTION = "resolution";
  static final String F_VECTOR = "vector";
  static final String F_LABEL_TEXT = "label_text";
  static final String F_CATEGORY = "category";
  static final String F_PRIORITY = "priority";
  static final String F_TEAM = "team";
  static final String F_SENTIMENT = "sentiment";

  /** Kind of the labelled-ticket documents used for learned triage. */
  static final String LABEL = "LABEL";

  private IndexDocs() {}

  static String key(UUID tenantId, String kind, String id) {
    return tenantId + "/" + kind + "/" + id;
  }

  /** A solved ticket or article; {@code vector} may be null (BM25 only). */
  static Document of(IndexEntry e, float[] vector) {
    Document doc = common(e.tenantId(), e.kind().name(), e.id(), vector);
    doc.add(new TextField(F_TITLE, e.title(), Field.Store.YES));
    doc.add(new TextField(F_TEXT, e.text(), Field.Store.YES));
    doc.add(new TextField(F_RESOLUTION, e.resolution(), Field.Store.YES));
    return doc;
  }

  /** A labelled ticket: stored labels and the vector, no searchable words. */
  static Document of(IndexedLabel l, float[] vector) {
    Document doc = common(l.tenantId(), LABEL, l.ticketId(), vector);
    doc.add(new StoredField(F_LABEL_TEXT, l.text()));
    doc.add(new StoredField(F_CATEGORY, l.category()));
    doc.add(new StoredField(F_PRIORITY, l.priority()));
    doc.add(new StoredField(F_TEAM, l.team()));
    doc.add(new StoredField(F_SENTIMENT, l.sentiment()));
    return doc;
  }

  private static Document common(UUID tenantId, String kind, String id, float[] vector) {
    Document doc = new Document();
    doc.add(new StringField(F_KEY, key(tenantId, kind, id), Field.Store.NO));
    doc.add(new StringField(F_TENANT, tenantId.toString(), Field.Store.YES));
    doc.add(new StringField(F_KIND, kind, Field.Store.YES));
    doc.add(new StringField(F_ID, id, Field.Store.YES));
    if (vector != null) {
      doc.add(new KnnFloatVectorField(F_VECTOR, vector, VectorSimilarityFunction.COSINE));
    }
    return doc;
  }

  static boolean isLabel(Document doc) {
    return LABEL.equals(doc.get(F_KIND));
  }

  static IndexEntry entry(Document doc) {
    return new IndexEntry(
        UUID.fromString(doc.get(F_TENANT)),
        Kind.valueOf(doc.get(F_KIND)),
        doc.get(F_ID),
        doc.get(F_TITLE),
        doc.get(F_TEXT),
        doc.get(F_RESOLUTION));
  }

  static IndexedLabel label(Document doc) {
    return new IndexedLabel(
        UUID.fromString(doc.get(F_TENANT)),
        doc.get(F_ID),
        doc.get(F_LABEL_TEXT),
        doc.get(F_CATEGORY),
        doc.get(F_PRIORITY),
        doc.get(F_TEAM),
        doc.get(F_SENTIMENT));
  }

  static RetrievedDocument retrieved(Document doc, double score, double similarity) {
    return new RetrievedDocument(
        Kind.valueOf(doc.get(F_KIND)),
        doc.get(F_ID),
        doc.get(F_TITLE),
        doc.get(F_TEXT),
        doc.get(F_RESOLUTION),
        score,
        similarity);
  }

  /** Lucene's COSINE score is (1 + cos) / 2; this is the cosine back. */
  static double cosine(float luceneScore) {
    return 2.0 * luceneScore - 1.0;
  }
}
