package io.meshdesk.ai;

import io.meshdesk.ai.assistant.AssistantConfig;
import io.meshdesk.ai.gemini.GeminiConfig;
import io.meshdesk.ai.worker.RelatedConfig;
import io.meshdesk.ai.worker.WorkerConfig;
import io.meshdesk.platform.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the AI worker beyond its gRPC port and infrastructure.
 *
 * @param ticketTarget ticket server {@code host:port} ({@code MESHDESK_TICKET_TARGET}, default
 *     {@code localhost:7001})
 * @param ledgerTarget ledger server {@code host:port} for the spending assistant ({@code
 *     MESHDESK_LEDGER_TARGET}, default {@code localhost:7002})
 * @param worker job consumer settings ({@code MESHDESK_AI_*})
 * @param gemini Gemini settings ({@code MESHDESK_GEMINI_*}); disabled means offline drafting only
 * @param catchUpInterval how often solved tickets are caught up ({@code
 *     MESHDESK_AI_CATCHUP_INTERVAL}, default 5m)
 * @param assistant cardholder assistant settings ({@code MESHDESK_ASSISTANT_*})
 * @param related similar solved tickets and likely duplicates per suggestion ({@code
 *     MESHDESK_AI_SIMILAR_LIMIT}, {@code MESHDESK_AI_DUPLICATE_*})
 */
public record AiWorkerConfig(
    String ticketTarget,
    String ledgerTarget,
    WorkerConfig worker,
    GeminiConfig gemini,
    Duration catchUpInterval,
    AssistantConfig assistant,
    RelatedConfig related) {

  /** As the canonical constructor, with the assistant's and related tickets' default settings. */
  public AiWorkerConfig(
      String ticketTarget,
      String ledgerTarget,
      WorkerConfig worker,
      GeminiConfig gemini,
      Duration catchUpInterval) {
    this(
        ticketTarget,
        ledgerTarget,
        worker,
        gemini,
        catchUpInterval,
        AssistantConfig.defaults(),
        RelatedConfig.defaults());
  }

  /** Reads every setting from the environment. */
  public static AiWorkerConfig fromEnv(Env env) {
    return new AiWorkerConfig(
        env.string("MESHDESK_TICKET_TARGET", "localhost:7001"),
        env.string("MESHDESK_LEDGER_TARGET", "localhost:7002"),
        WorkerConfig.fromEnv(env),
        GeminiConfig.fromEnv(env),
        env.duration("MESHDESK_AI_CATCHUP_INTERVAL", Duration.ofMinutes(5)),
        AssistantConfig.fromEnv(env),
        RelatedConfig.fromEnv(env));
  }

  /** Offline drafting, the given peers, defaults elsewhere ({@code meshctl dev}, tests). */
  public static AiWorkerConfig offline(String ticketTarget, String ledgerTarget) {
    AiWorkerConfig d = fromEnv(new Env(Map.of()));
    return new AiWorkerConfig(
        ticketTarget,
        ledgerTarget,
        d.worker(),
        d.gemini(),
        d.catchUpInterval(),
        d.assistant(),
        d.related());
  }
}
