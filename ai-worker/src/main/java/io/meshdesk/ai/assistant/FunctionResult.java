package io.meshdesk.ai.assistant;

import io.meshdesk.api.ai.v1.CitedFigure;
import java.util.List;
import java.util.Map;

/**
 * What one ledger function returned.
 *
 * @param name the function
 * @param data the result as JSON-like values (strings, numbers, lists, maps), given to the model
 * @param figures the figures the result establishes, each computed from ledger data
 * @param summary the result phrased by a template (the offline answer)
 * @param refused whether the function was refused (e.g. a card the caller may not read)
 */
public record FunctionResult(
    String name,
    Map<String, Object> data,
    List<CitedFigure> figures,
    String summary,
    boolean refused) {

  /** A refusal: the model is told {@code reason} and no figure is established. */
  public static FunctionResult refusal(String name, String reason) {
    return new FunctionResult(
        name, Map.of("error", reason), List.of(), "I can't answer that: " + reason + ".", true);
  }
}
