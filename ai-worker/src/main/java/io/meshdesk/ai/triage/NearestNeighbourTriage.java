package io.meshdesk.ai.triage;

import io.meshdesk.ai.embedding.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Triage learned from one tenant's own history: the {@code k} most similar labelled tickets vote
 * for category, priority and team, each vote weighted by its similarity. A field's confidence is
 * the winner's share of the weight. Immutable, thread-safe.
 */
public final class NearestNeighbourTriage {

  /** Neighbours that vote. */
  public static final int K = 7;

  private final List<LabelledTicket> history;

  /** A model over {@code history} (one tenant's labelled tickets). */
  public NearestNeighbourTriage(List<LabelledTicket> history) {
    this.history = List.copyOf(history);
  }

  /** How many labelled tickets the model learned from. */
  public int size() {
    return history.size();
  }

  /**
   * One field's suggestion.
   *
   * @param value the winning label
   * @param confidence its share of the neighbours' weight, in [0, 1]
   */
  public record Vote(String value, double confidence) {}

  /** The suggestion for one ticket, with the neighbours it came from, most similar first. */
  public record Suggestion(
      Vote category, Vote priority, Vote team, Vote sentiment, List<Neighbour> neighbours) {}

  /** A similar labelled ticket and its cosine similarity. */
  public record Neighbour(LabelledTicket ticket, double similarity) {}

  /** The tickets most similar to {@code vector}, best first. */
  public List<Neighbour> nearest(float[] vector, int limit) {
    List<Neighbour> all = new ArrayList<>(history.size());
    for (LabelledTicket t : history) {
      all.add(new Neighbour(t, Embedder.similarity(vector, t.vector())));
    }
    all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
    return all.subList(0, Math.min(limit, all.size()));
  }

  /**
   * The suggestion for a ticket whose embedding is {@code vector}; requires a non-empty history.
   */
  public Suggestion suggest(float[] vector) {
    return suggest(nearest(vector, K));
  }

  /**
   * The suggestion from neighbours already found with {@link #nearest} (best first; the first
   * {@link #K} vote), for a caller that also needs a longer list of them.
   */
  public Suggestion suggest(List<Neighbour> nearest) {
    return vote(nearest);
  }

  /**
   * The suggestion from neighbours found elsewhere (e.g. by an index's vector search), best first;
   * the first {@link #K} vote.
   */
  public static Suggestion vote(List<Neighbour> nearest) {
    if (nearest.isEmpty()) {
      throw new IllegalStateException("no history to learn from");
    }
    List<Neighbour> near = nearest.subList(0, Math.min(K, nearest.size()));
    return new Suggestion(
        vote(near, LabelledTicket::category),
        vote(near, LabelledTicket::priority),
        vote(near, LabelledTicket::team),
        vote(near, LabelledTicket::sentiment),
        near);
  }

  private static Vote vote(List<Neighbour> near, Function<LabelledTicket, String> field) {
    Map<String, Double> weight = new HashMap<>();
    double total = 0;
    for (Neighbour n : near) {
      // Similar tickets count much more than loosely related ones.
      double w = Math.pow(Math.max(n.similarity(), 0.0), 4);
      weight.merge(field.apply(n.ticket()), w, Double::sum);
      total += w;
    }
    if (total == 0) {
      return new Vote(field.apply(near.get(0).ticket()), 0.0);
    }
    var best = weight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    return new Vote(best.getKey(), best.getValue() / total);
  }
}
