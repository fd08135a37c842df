package io.meshdesk.ai.assistant;

import io.meshdesk.platform.config.Env;

/**
 * Settings of the cardholder assistant.
 *
 * @param historyTurns how many of a conversation's last turns the model is given ({@code
 *     MESHDESK_ASSISTANT_HISTORY_TURNS}, default 10, 0..100)
 */
public record AssistantConfig(int historyTurns) {

  public AssistantConfig {
    if (historyTurns < 0 || historyTurns > 100) {
      throw new IllegalArgumentException(
          "assistant historyTurns must be between 0 and 100, got " + historyTurns);
    }
  }

  /** The defaults. */
  public static AssistantConfig defaults() {
    return new AssistantConfig(10);
  }

  /** Reads {@code MESHDESK_ASSISTANT_*}. */
  public static AssistantConfig fromEnv(Env env) {
    return new AssistantConfig(env.integer("MESHDESK_ASSISTANT_HISTORY_TURNS", 10, 0, 100));
  }
}
