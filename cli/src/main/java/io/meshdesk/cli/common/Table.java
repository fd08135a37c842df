package io.meshdesk.cli.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rows printed as left-aligned columns under upper-case headers (bold on a colour terminal), or as
 * CSV (RFC 4180) under the headers as given.
 */
public final class Table {

  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  private final List<String[]> rows = new ArrayList<>();
  private final int width;

  /** A table with these column headers. */
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

  /** Prints the table with headers and no colour; the last column is not padded. */
  public void print(PrintStream out) {
    print(out, true, false);
  }

  /** Prints the table, with or without the header line, bold headers when {@code colour}. */
  public void print(PrintStream out, boolean headers, boolean colour) {
    int[] widths = new int[width];
    for (String[] r : rows) {
      for (int i = 0; i < width; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    for (int n = headers ? 0 : 1; n < rows.size(); n++) {
      String[] r = rows.get(n);
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width; i++) {
        String cell = n == 0 ? r[i].toUpperCase(Locale.ROOT) : r[i];
        line.append(i == width - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
      }
      String text = line.toString().stripTrailing();
      out.println(n == 0 && colour ? BOLD + text + RESET : text);
    }
  }

  /** Prints the rows as CSV, with or without the header line. */
  public void printCsv(PrintStream out, boolean headers) {
    for (int n = headers ? 0 : 1; n < rows.size(); n++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < width; i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(csv(n == 0 ? rows.get(n)[i].toLowerCase(Locale.ROOT) : rows.get(n)[i]));
      }
      out.print(line.append("\r\n"));
    }
  }

  private static String csv(String cell) {
    return cell.matches(".*[\",\r\n].*") ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
  }
}
