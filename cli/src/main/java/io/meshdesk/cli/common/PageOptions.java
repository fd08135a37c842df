package io.meshdesk.cli.common;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.cli.common.ClientOptions.OutputFormat;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Paging options of the list commands. */
public final class PageOptions {

  @Option(
      names = {"--page-size", "--limit"},
      description = "Items per page, 1..500 (default: the server's).")
  Integer pageSize;

  @Option(
      names = "--page-token",
      description = "Token printed by the previous page.",
      defaultValue = "")
  String pageToken;

  /** The page request. */
  public PageRequest request() {
    PageRequest.Builder b = PageRequest.newBuilder().setPageToken(pageToken);
    if (pageSize != null) {
      b.setPageSize(pageSize);
    }
    return b.build();
  }

  /**
   * Prints the {@code field} items of a page's {@code response}, then, after a table, how to get
   * the page after it.
   */
  public void print(Output out, Message response, String field, PageResponse page) {
    out.list(response, field);
    hint(out.format(), page);
  }

  /**
   * Prints a page's {@code response} as JSON/YAML, or the table {@code table} builds, then, after a
   * table, how to get the page after it.
   */
  public void print(
      Output out, MessageOrBuilder response, Supplier<Table> table, PageResponse page) {
    out.print(response, table);
    hint(out.format(), page);
  }

  /** After a table, says how to get the next page (JSON carries the token itself). */
  public void hint(OutputFormat format, PageResponse page) {
    if (format == OutputFormat.table && !page.getNextPageToken().isEmpty()) {
      System.out.println("More: --page-token " + page.getNextPageToken());
    }
  }
}
