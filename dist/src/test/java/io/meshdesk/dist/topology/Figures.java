package io.meshdesk.dist.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * What the topology test counted at the client, printed at the end as one block that can be quoted
 * as is.
 */
final class Figures {

  private final List<String> lines = new ArrayList<>();

  /** Adds a line {@code label: value}. */
  synchronized void add(String label, String format, Object... args) {
    lines.add(String.format("%-38s %s", label + ":", String.format(format, args)));
  }

  /** The block. */
  synchronized String block() {
    StringBuilder b =
        new StringBuilder("\n======== Meshdesk topology: figures counted at the client ========\n");
    lines.forEach(l -> b.append(l).append('\n'));
    return b.append("===================================================================\n")
        .toString();
  }
}
