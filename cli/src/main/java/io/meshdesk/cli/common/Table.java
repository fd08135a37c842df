package io.meshdesk.cli.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Rows printed as left-aligned columns under upper-case headers. */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();
  private final int width;

  public Table(String... headers) {
    this.width = headers.length;
    rows.add(headers);
  }

  /** Adds a row; one cell per header. */
  public Table row(Object... cells) {
    if (cells.length != width) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + width + " columns");
    }
    String[] r = new String[width];
    for (int i = 0; i < width; i++) {
      r[i] = cells[i] == null ? "-" : String.valueOf(cells[i]).replace('\n', ' ');
    }
    rows.add(r);
    return this;
  }

  /** Prints the table; the last column is not padded. */
  public void print(PrintStream out) {
    int[] widths = new int[width];
    for (String[] r : rows) {
      for (int i = 0; i < width; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width; i++) {
        line.append(i == width - 1 ? r[i] : String.format("%-" + widths[i] + "s  ", r[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
