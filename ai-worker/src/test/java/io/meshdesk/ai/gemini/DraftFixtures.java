package io.meshdesk.ai.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.RetrievedDocument;
import java.util.List;
import java.util.UUID;

/** Requests and model answers shared by the Gemini and resilience tests. */
public final class DraftFixtures {

  public static final String SUBJECT = "Cannot log in after password reset";

  public static final RetrievedDocument RESOLVED =
      new RetrievedDocument(
          RetrievedDocument.Kind.RESOLVED_TICKET,
          "t-101",
          "Login fails after reset",
          "I reset my password and now login fails",
          "Clear the browser cache, then sign in again.",
          7.5);

  public static final RetrievedDocument ARTICLE =
      new RetrievedDocument(
          RetrievedDocument.Kind.ARTICLE,
          "kb-7",
          "Resetting your password",
          "Reset links expire after 30 minutes.",
          "",
          5.1);

  private DraftFixtures() {}

  public static DraftRequest request() {
    return new DraftRequest(
        UUID.randomUUID(),
        UUID.randomUUID(),
        SUBJECT,
        "I reset my password an hour ago and still cannot sign in. Please help!",
        List.of("login"),
        "Warm, address the customer by first name.",
        List.of(RESOLVED, ARTICLE));
  }

  /** A complete, valid model answer citing {@code sourceIds}. */
  public static String answer(String reply, String... sourceIds) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("sentiment", "NEGATIVE");
    root.put("sentiment_score", -0.6);
    root.put("category", "login");
    root.put("suggested_priority", "HIGH");
    var ids = root.putArray("source_ids");
    for (String id : sourceIds) {
      ids.add(id);
    }
    root.put("reply", reply);
    root.put("summary", "Customer cannot sign in after a password reset.");
    root.put("confidence", 0.8);
    return root.toString();
  }
}
