package io.meshdesk.cli.common;

import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.common.v1.PageResponse;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The skeleton of a command that lists one page of items: {@code --limit} and {@code --page-token},
 * output in the caller's format (a table or CSV with one row per item, an empty page printing the
 * header only; or the whole response as one JSON or YAML document with the proto field names), and
 * the next page's token as a hint on stderr. A subclass fetches the page and says how a row looks.
 */
public abstract class ListCommand<T extends MessageOrBuilder> implements Callable<Integer> {

  /** Target, credentials and output format. */
  @Mixin protected ClientOptions client;

  @Option(
      names = {"--limit", "--page-size"},
      defaultValue = "50",
      description = "Page size, 1..500 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--page-token", defaultValue = "", description = "Token of the page to show.")
  String pageToken;

  /**
   * One page of items, the server's paging answer and the whole response (printed as JSON/YAML).
   */
  public record Page<T>(List<T> items, PageResponse page, Message response) {}

  /** Asks the server for the page {@code request} names. */
  protected abstract Page<T> fetch(PageRequest request) throws InterruptedException;

  /** The column headers. */
  protected abstract Object[] headers();

  /** The cells of one row, in header order. */
  protected abstract Object[] cells(T item);

  /** The command's {@code --watch} option, for commands that offer one; null for the others. */
  protected Watch watch() {
    return null;
  }

  /** Fetches the page and prints it (again and again with {@code --watch}). */
  @Override
  public Integer call() throws Exception {
    Watch watch = watch();
    return watch == null ? once() : watch.run(this::once);
  }

  private Integer once() throws InterruptedException {
    Page<T> page =
        fetch(PageRequest.newBuilder().setPageSize(limit).setPageToken(pageToken).build());
    client.printer().print(page.response(), () -> table(page.items()));
    if (!page.page().getNextPageToken().isEmpty()) {
      System.err.println("more: --page-token " + page.page().getNextPageToken());
    }
    return 0;
  }

  private Table table(List<T> items) {
    Object[] headers = headers();
    String[] names = new String[headers.length];
    for (int i = 0; i < headers.length; i++) {
      names[i] = String.valueOf(headers[i]);
    }
    Table table = new Table(names);
    items.forEach(item -> table.row(cells(item)));
    return table;
  }
}
