package io.meshdesk.ai.triage;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.retrieval.IndexedLabel;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Triage learned from each tenant's own labelled tickets (solved tickets with their final values,
 * and agents' corrections of the AI's suggestions), applied to drafts on the job path. The nearest
 * labelled tickets vote ({@link NearestNeighbourTriage}); a tenant with fewer than {@link
 * #MIN_HISTORY} labelled tickets keeps the drafter's own triage (the lexicon offline), and the
 * suggestion says which happened. Thread-safe.
 */
public final class LearnedTriage {

  /**
   * Labelled tickets a tenant needs before its history decides: with fewer, {@link
   * NearestNeighbourTriage#K} neighbours are mostly unrelated tickets and vote noise.
   */
  public static final int MIN_HISTORY = 20;

  private final KnowledgeIndex index;

  public LearnedTriage(KnowledgeIndex index) {
    this.index = index;
  }

  /** The learned suggestion for a ticket embedded as {@code vector}, if the tenant has history. */
  public Optional<NearestNeighbourTriage.Suggestion> suggest(UUID tenant, float[] vector) {
    if (vector == null || index.labelCount(tenant) < MIN_HISTORY) {
      return Optional.empty();
    }
    List<NearestNeighbourTriage.Neighbour> near =
        index.nearestLabels(tenant, vector, NearestNeighbourTriage.K).stream()
            .map(LearnedTriage::neighbour)
            .toList();
    return near.isEmpty() ? Optional.empty() : Optional.of(NearestNeighbourTriage.vote(near));
  }

  /**
   * {@code draft} with the learned category, priority, team and sentiment when the tenant has
   * history, its drafter name followed by how triage was decided: {@code "| triage learned (N
   * tickets, category P%)"} or {@code "| triage lexicon fallback (N < 20 labelled)"}.
   */
  public Draft apply(UUID tenant, float[] vector, Draft draft, boolean offlineDrafter) {
    Optional<NearestNeighbourTriage.Suggestion> learned = suggest(tenant, vector);
    int history = index.labelCount(tenant);
    if (learned.isEmpty()) {
      String by = offlineDrafter ? "lexicon fallback" : "by drafter";
      return withTriage(
          draft,
          draft.category(),
          draft.suggestedPriority(),
          draft.sentiment(),
          draft.sentimentScore(),
          draft.suggestedTeamId(),
          String.format(
              Locale.ROOT,
              "%s | triage %s (%d < %d labelled)",
              draft.drafter(),
              by,
              history,
              MIN_HISTORY));
    }
    NearestNeighbourTriage.Suggestion s = learned.get();
    Draft.Sentiment mood = parse(Draft.Sentiment.class, s.sentiment().value(), draft.sentiment());
    double score =
        mood == draft.sentiment()
            ? draft.sentimentScore()
            : switch (mood) {
              case NEGATIVE -> -s.sentiment().confidence();
              case NEUTRAL -> 0;
              case POSITIVE -> s.sentiment().confidence();
            };
    return withTriage(
        draft,
        s.category().value(),
        parse(Draft.Priority.class, s.priority().value(), draft.suggestedPriority()),
        mood,
        score,
        s.team().value(),
        String.format(
            Locale.ROOT,
            "%s | triage learned (%d tickets, category %.0f%%)",
            draft.drafter(),
            history,
            100 * s.category().confidence()));
  }

  private static Draft withTriage(
      Draft d,
      String category,
      Draft.Priority priority,
      Draft.Sentiment sentiment,
      double sentimentScore,
      String team,
      String drafter) {
    return new Draft(
        sentiment,
        sentimentScore,
        category,
        priority,
        d.summary(),
        d.reply(),
        d.confidence(),
        d.sources(),
        drafter,
        team);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value, E fallback) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException | NullPointerException e) {
      return fallback;
    }
  }

  private static NearestNeighbourTriage.Neighbour neighbour(IndexedLabel.Hit hit) {
    IndexedLabel l = hit.label();
    return new NearestNeighbourTriage.Neighbour(
        new LabelledTicket(
            l.ticketId(), l.text(), null, l.category(), l.priority(), l.team(), l.sentiment()),
        hit.similarity());
  }
}
