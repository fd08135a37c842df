package io.meshdesk.ai.gemini;

import static io.meshdesk.ai.gemini.GeminiPrompt.CATEGORY;
import static io.meshdesk.ai.gemini.GeminiPrompt.CONFIDENCE;
import static io.meshdesk.ai.gemini.GeminiPrompt.REPLY;
import static io.meshdesk.ai.gemini.GeminiPrompt.SENTIMENT;
import static io.meshdesk.ai.gemini.GeminiPrompt.SENTIMENT_SCORE;
import static io.meshdesk.ai.gemini.GeminiPrompt.SOURCE_IDS;
import static io.meshdesk.ai.gemini.GeminiPrompt.SUGGESTED_PRIORITY;
import static io.meshdesk.ai.gemini.GeminiPrompt.SUMMARY;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.DraftingException;
import io.meshdesk.ai.drafting.RetrievedDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns the model's complete JSON answer into a validated {@link Draft}. Malformed JSON, a missing
 * or mistyped field, or an unknown enum value is a non-retryable {@link DraftingException}; scores
 * outside their range are clamped; cited ids that were not in the retrieved context are dropped.
 */
final class GeminiDraftParser {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private GeminiDraftParser() {}

  static Draft parse(String json, DraftRequest request, String drafterName)
      throws DraftingException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid("the answer is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw invalid("the answer is not a JSON object", null);
    }
    return new Draft(
        enumValue(root, SENTIMENT, Draft.Sentiment.class),
        clamp(number(root, SENTIMENT_SCORE), -1, 1),
        text(root, CATEGORY).strip().toLowerCase(Locale.ROOT),
        enumValue(root, SUGGESTED_PRIORITY, Draft.Priority.class),
        text(root, SUMMARY),
        text(root, REPLY),
        clamp(number(root, CONFIDENCE), 0, 1),
        sources(root, request.context()),
        drafterName);
  }

  private static String text(JsonNode root, String field) throws DraftingException {
    JsonNode node = root.get(field);
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw invalid("field '" + field + "' is missing or not a non-empty string", null);
    }
    return node.asText();
  }

  private static double number(JsonNode root, String field) throws DraftingException {
    JsonNode node = root.get(field);
    if (node == null || !node.isNumber()) {
      throw invalid("field '" + field + "' is missing or not a number", null);
    }
    return node.asDouble();
  }

  private static <E extends Enum<E>> E enumValue(JsonNode root, String field, Class<E> type)
      throws DraftingException {
    String value = text(root, field).strip().toUpperCase(Locale.ROOT);
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw invalid("field '" + field + "' has unknown value '" + value + "'", e);
    }
  }

  /** The retrieved documents the model cited, in the model's order, each once. */
  private static List<RetrievedDocument> sources(JsonNode root, List<RetrievedDocument> context)
      throws DraftingException {
    JsonNode ids = root.get(SOURCE_IDS);
    if (ids == null || ids.isNull()) {
      return List.of();
    }
    if (!ids.isArray()) {
      throw invalid("field '" + SOURCE_IDS + "' is not an array", null);
    }
    Map<String, RetrievedDocument> byId =
        context.stream()
            .collect(Collectors.toMap(RetrievedDocument::id, Function.identity(), (a, b) -> a));
    Set<String> seen = new LinkedHashSet<>();
    List<RetrievedDocument> cited = new ArrayList<>();
    for (JsonNode id : ids) {
      RetrievedDocument doc = byId.get(id.asText());
      if (doc != null && seen.add(doc.id())) {
        cited.add(doc);
      }
    }
    return List.copyOf(cited);
  }

  private static double clamp(double v, double min, double max) {
    return Double.isNaN(v) ? min : Math.max(min, Math.min(max, v));
  }

  private static DraftingException invalid(String what, Throwable cause) {
    return new DraftingException("Gemini returned an unusable draft: " + what, false, cause);
  }
}
