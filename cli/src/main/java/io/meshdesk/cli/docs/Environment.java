package io.meshdesk.cli.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The ENVIRONMENT section of a man page: the variables a command's help text names (each with the
 * options that read it), and on the root page the ones every command and the launcher read.
 */
final class Environment {

  private static final Pattern VARIABLE =
      Pattern.compile("\\b((?:MESHDESK|MESHCTL)_[A-Z0-9_]*[A-Z0-9]|NO_COLOR|XDG_CONFIG_HOME)\\b");

  /** What the variables every command reads mean. */
  private static final Map<String, String> MEANING =
      Map.of(
          "MESHCTL_CONTEXT",
          "The context of meshctl config to use when no --context is given.",
          "MESHCTL_CONFIG",
          "The contexts file (default: config.json in the configuration directory).",
          "MESHDESK_CONFIG_DIR",
          "The configuration directory, holding contexts and saved sessions (default:"
              + " $XDG_CONFIG_HOME/meshdesk, else ~/.config/meshdesk).",
          "NO_COLOR",
          "When set and not empty, output is never coloured.",
          "JAVA_HOME",
          "The JDK (21 or newer) the meshctl launcher runs; else the java on PATH.",
          "JAVA_OPTS",
          "Options the meshctl launcher passes to the JVM.");

  private static final List<String> ROOT =
      List.of(
          "MESHCTL_CONTEXT",
          "MESHCTL_CONFIG",
          "MESHDESK_CONFIG_DIR",
          "NO_COLOR",
          "JAVA_HOME",
          "JAVA_OPTS");

  private Environment() {}

  /** Adds the section when the command reads any variable. */
  static void section(Roff roff, CommandSpec spec) {
    Map<String, List<String>> readers = new LinkedHashMap<>();
    if (spec.parent() == null) {
      ROOT.forEach(v -> readers.put(v, new ArrayList<>()));
    }
    for (String line : spec.usageMessage().description()) {
      find(line, readers, null);
    }
    spec.positionalParameters()
        .forEach(p -> List.of(p.renderedDescription()).forEach(l -> find(l, readers, null)));
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        List.of(o.renderedDescription()).forEach(l -> find(l, readers, o.longestName()));
      }
    }
    if (readers.isEmpty()) {
      return;
    }
    roff.section("ENVIRONMENT");
    for (var variable : readers.entrySet()) {
      roff.macro("TP").line(Roff.bold(variable.getKey()));
      String meaning = MEANING.get(variable.getKey());
      List<String> options = variable.getValue();
      if (meaning != null) {
        roff.text(meaning);
      }
      if (!options.isEmpty()) {
        roff.line(
            "Read by "
                + String.join(", ", options.stream().map(Roff::bold).toList())
                + " (see OPTIONS).");
      } else if (meaning == null) {
        roff.text("Read by this command (see DESCRIPTION).");
      }
    }
  }

  private static void find(String text, Map<String, List<String>> readers, String option) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      List<String> options = readers.computeIfAbsent(m.group(1), v -> new ArrayList<>());
      if (option != null && !options.contains(option)) {
        options.add(option);
      }
    }
  }
}
