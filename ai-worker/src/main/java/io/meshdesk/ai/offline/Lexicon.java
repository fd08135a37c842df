package io.meshdesk.ai.offline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A word list from the class path, in sections. The format is plain text: {@code [section]}
 * headers, then one entry per line as {@code phrase} or {@code phrase | weight} (weight defaults to
 * 1); blank lines and lines starting with {@code #} are ignored. Phrases are matched on word stems,
 * so one entry covers "charge", "charged" and "charges"; a phrase written {@code =phrase} matches
 * its exact words only (stemming would equate "helpful" with "help").
 */
final class Lexicon {

  /**
   * One entry.
   *
   * @param phrase the phrase as written in the file, lower case
   * @param words what to compare with each text word: stems, or lower-case words if exact
   * @param weight its weight
   * @param exact whether words are compared as written rather than by stem
   */
  record Entry(String phrase, List<String> words, double weight, boolean exact) {

    /** Whether this entry's word {@code i} matches {@code token}. */
    boolean matches(int i, Tokens.Token token) {
      return words.get(i).equals(exact ? token.lower() : token.stem());
    }
  }

  private final Map<String, List<Entry>> sections;

  private Lexicon(Map<String, List<Entry>> sections) {
    this.sections = sections;
  }

  /** Loads {@code resource} (an absolute class-path name such as {@code /offline/x.txt}). */
  static Lexicon load(String resource) {
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing lexicon resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, List<Entry>> sections = new LinkedHashMap<>();
      String section = "";
      String line;
      int lineNo = 0;
      while ((line = reader.readLine()) != null) {
        lineNo++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          section = line.substring(1, line.length() - 1).strip();
          sections.computeIfAbsent(section, s -> new ArrayList<>());
          continue;
        }
        sections
            .computeIfAbsent(section, s -> new ArrayList<>())
            .add(parse(line, resource, lineNo));
      }
      sections.replaceAll((k, v) -> List.copyOf(v));
      return new Lexicon(sections);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of {@code section}, in file order; empty if there is no such section. */
  List<Entry> section(String section) {
    return sections.getOrDefault(section, List.of());
  }

  /** The section names, in file order. */
  List<String> sectionNames() {
    return List.copyOf(sections.keySet());
  }

  private static Entry parse(String line, String resource, int lineNo) {
    int bar = line.lastIndexOf('|');
    String phrase = (bar < 0 ? line : line.substring(0, bar)).strip().toLowerCase(Locale.ROOT);
    double weight;
    try {
      weight = bar < 0 ? 1.0 : Double.parseDouble(line.substring(bar + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(resource + ":" + lineNo + ": bad weight in '" + line + "'");
    }
    boolean exact = phrase.startsWith("=");
    if (exact) {
      phrase = phrase.substring(1).strip();
    }
    List<String> words = Tokens.of(phrase).stream().map(t -> exact ? t.lower() : t.stem()).toList();
    if (words.isEmpty()) {
      throw new IllegalStateException(resource + ":" + lineNo + ": no words in '" + line + "'");
    }
    return new Entry(phrase, words, weight, exact);
  }
}
