package io.meshdesk.ai.assistant;

import io.meshdesk.ai.drafting.DraftingException;
import java.util.List;
import java.util.Map;

/** A language model that answers a conversation turn by calling ledger functions. */
public interface AssistantModel {

  /** Runs one ledger function for the model. */
  @FunctionalInterface
  interface Functions {
    /** The result of {@code name} with {@code args}; a refusal rather than an exception. */
    FunctionResult call(String name, Map<String, Object> args);
  }

  /**
   * The model's reply and the results of the functions it called.
   *
   * @param text the answer text
   * @param results every function result the model received, in call order
   */
  record Reply(String text, List<FunctionResult> results) {}

  /** Name recorded as the drafter, e.g. "gemini-2.5-flash". */
  String name();

  /**
   * Answers {@code question} after {@code history}, calling {@code functions} as it needs.
   *
   * @throws DraftingException when the model fails or answers nothing
   */
  Reply reply(List<ConversationTurn> history, String question, Functions functions)
      throws DraftingException;
}
