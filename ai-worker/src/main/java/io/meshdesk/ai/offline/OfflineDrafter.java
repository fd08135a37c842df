package io.meshdesk.ai.offline;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The drafter that runs without any cloud service: local sentiment and triage models, an extractive
 * summary, and a reply grounded in the best-matching documents of the request's context (the
 * tenant's resolved tickets and articles from {@link io.meshdesk.ai.retrieval.KnowledgeIndex}, best
 * first). When nothing relevant was retrieved it writes an honest holding reply asking for the
 * details the category needs, with low confidence. The reply is streamed sentence by sentence.
 * Thread-safe.
 */
public final class OfflineDrafter implements Drafter {

  /** The name recorded with this drafter's suggestions. */
  public static final String NAME = "offline-bm25";

  private final OfflineDrafterConfig config;
  private final SentimentModel sentiment;
  private final TriageModel triage;
  private final Summarizer summarizer;

  /** A drafter with {@link OfflineDrafterConfig#defaults()}. */
  public OfflineDrafter() {
    this(OfflineDrafterConfig.defaults());
  }

  /** A drafter with the given tuning. */
  public OfflineDrafter(OfflineDrafterConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.sentiment = new SentimentModel();
    this.triage = new TriageModel();
    this.summarizer = new Summarizer();
  }

  @Override
  public Draft draft(DraftRequest request, Consumer<String> onReplyText) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(onReplyText, "onReplyText");
    SentimentModel.Reading mood = sentiment.read(request.subject() + "\n" + request.body());
    TriageModel.Triage triaged =
        triage.triage(request.subject(), request.body(), request.tags(), mood);
    Grounding grounding = Grounding.select(request, config);
    String reply = ReplyComposer.compose(request, mood, triaged, grounding);
    for (String chunk : Sentences.chunks(reply)) {
      onReplyText.accept(chunk);
    }
    return new Draft(
        mood.label(),
        mood.score(),
        triaged.category(),
        triaged.priority(),
        summarizer.summarize(request.subject(), request.body()),
        reply,
        grounding.confidence(),
        grounding.sources(),
        NAME);
  }

  @Override
  public String name() {
    return NAME;
  }
}
