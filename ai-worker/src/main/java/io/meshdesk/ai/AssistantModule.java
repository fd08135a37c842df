package io.meshdesk.ai;

import io.meshdesk.ai.assistant.AssistantGrpcService;
import io.meshdesk.ai.assistant.ConversationService;
import io.meshdesk.ai.assistant.IntentClassifier;
import io.meshdesk.ai.assistant.Ledger;
import io.meshdesk.ai.assistant.LedgerFunctions;
import io.meshdesk.ai.assistant.OfflineAssistant;
import io.meshdesk.ai.assistant.ResilientAssistantModel;
import io.meshdesk.ai.assistant.SpendingAssistant;
import io.meshdesk.ai.assistant.persistence.ConversationStore;
import io.meshdesk.ai.embedding.Embedder;
import io.meshdesk.ai.gemini.GeminiAssistantModel;
import io.meshdesk.ai.gemini.GeminiConfig;
import io.meshdesk.ai.resilience.CircuitBreaker;
import io.meshdesk.ai.resilience.Retry;
import io.meshdesk.platform.db.Transactions;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Wires the cardholder assistant: the one-shot spending answers, and conversations answered by
 * Gemini function calling when Gemini is configured (behind retries and a circuit breaker with the
 * drafter's settings, answering offline when it fails), offline (embedding intents and templates)
 * otherwise.
 */
final class AssistantModule {

  private AssistantModule() {}

  /**
   * The assistant's gRPC service reading {@code ledger} and keeping conversations in {@code tx}.
   */
  static AssistantGrpcService service(
      Ledger ledger, Transactions tx, AiWorkerConfig config, Clock clock) {
    LedgerFunctions functions = new LedgerFunctions(ledger, clock);
    ConversationService conversations =
        new ConversationService(
            new ConversationStore(tx),
            functions,
            new OfflineAssistant(new IntentClassifier(Embedder.shared()), functions),
            config.gemini().enabled() ? gemini(config.gemini(), clock) : null,
            config.assistant(),
            clock);
    return new AssistantGrpcService(new SpendingAssistant(ledger, clock), conversations);
  }

  private static ResilientAssistantModel gemini(GeminiConfig g, Clock clock) {
    return new ResilientAssistantModel(
        GeminiAssistantModel.create(g, clock),
        new CircuitBreaker(
            "gemini-assistant", g.breakerFailureThreshold(), g.breakerOpenDuration(), clock),
        g.retryPolicy(),
        Retry.realTime(),
        () -> ThreadLocalRandom.current().nextDouble());
  }
}
