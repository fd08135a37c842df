package io.meshdesk.ai.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extractive summary: the ticket's most informative sentences, in their original order, within
 * {@link #MAX_CHARS}. A content word is informative when the ticket mentions it more than once
 * (subject words count double); a sentence's weight is the sum of its informative words. Greetings,
 * sign-offs and asides mention nothing twice and drop out; a sentence far below the best one is
 * left out even if it would fit.
 */
public final class Summarizer {

  /** Upper bound of a summary's length. */
  public static final int MAX_CHARS = 300;

  private static final double RELATIVE_CUTOFF = 0.3;
  private static final Pattern LEADING_GREETING =
      Pattern.compile("(?i)^(hi|hello|hey|dear)\\b[^,.!]{0,30}[,.!]\\s*");

  /** The summary of a ticket; the subject when the body has no content, empty if both are. */
  public String summarize(String subject, String body) {
    List<String> sentences = new ArrayList<>();
    for (String sentence : Sentences.split(body)) {
      sentences.add(LEADING_GREETING.matcher(sentence).replaceFirst(""));
    }
    Map<String, Integer> weights = new HashMap<>();
    Tokens.contentStems(subject).forEach(s -> weights.merge(s, 2, Integer::sum));
    for (String sentence : sentences) {
      Tokens.contentStems(sentence).forEach(s -> weights.merge(s, 1, Integer::sum));
    }

    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> stems = new HashSet<>(Tokens.contentStems(sentences.get(i)));
      if (stems.isEmpty()) {
        continue;
      }
      double weight = stems.stream().mapToInt(s -> weights.getOrDefault(s, 0) - 1).sum();
      // Favour the opening sentence (customers lead with the problem) and damp long rambles.
      weight *= (i == 0 ? 1.2 : 1.0) / Math.sqrt(1 + stems.size() / 8.0);
      scored.add(new Scored(i, sentences.get(i), weight));
    }
    if (scored.isEmpty()) {
      return truncate(subject == null ? "" : subject.strip());
    }
    scored.sort(Comparator.comparingDouble(Scored::weight).reversed());
    double top = scored.get(0).weight();
    if (top <= 0) {
      // Nothing recurs: a short ticket, whose opening sentence says it best.
      return truncate(scored.stream().min(Comparator.comparingInt(Scored::index)).get().text());
    }
    List<Scored> chosen = new ArrayList<>();
    int length = 0;
    for (Scored s : scored) {
      if (s.weight() < RELATIVE_CUTOFF * top) {
        break;
      }
      int added = s.text().length() + (chosen.isEmpty() ? 0 : 1);
      if (length + added <= MAX_CHARS) {
        chosen.add(s);
        length += added;
      }
    }
    if (chosen.isEmpty()) {
      return truncate(scored.get(0).text());
    }
    chosen.sort(Comparator.comparingInt(Scored::index));
    return String.join(" ", chosen.stream().map(Scored::text).toList());
  }

  private record Scored(int index, String text, double weight) {}

  private static String truncate(String text) {
    if (text.length() <= MAX_CHARS) {
      return text;
    }
    int cut = text.lastIndexOf(' ', MAX_CHARS - 1);
    return text.substring(0, cut > 0 ? cut : MAX_CHARS - 1).strip() + "…";
  }
}
