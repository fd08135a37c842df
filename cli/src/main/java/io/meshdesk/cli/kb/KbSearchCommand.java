package io.meshdesk.cli.kb;

import io.grpc.ManagedChannel;
import io.meshdesk.api.knowledge.v1.ArticleHit;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.SearchArticlesRequest;
import io.meshdesk.api.knowledge.v1.SearchArticlesResponse;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshctl kb search <words...>}: BM25 search over the tenant's articles. */
@Command(
    name = "search",
    description = "Search articles (BM25) and print the best hits with snippets.")
@Rpc("meshdesk.knowledge.v1.KnowledgeService/SearchArticles")
public final class KbSearchCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Parameters(arity = "1..*", description = "Query words.")
  List<String> words;

  @Option(
      names = "--limit",
      defaultValue = "10",
      description = "Maximum hits, 1..50 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--tag", description = "Only articles with this tag (repeatable).")
  List<String> tags = List.of();

  @Override
  public Integer call() {
    ManagedChannel channel = client.channel();
    try {
      SearchArticlesResponse r =
          KnowledgeServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .searchArticles(
                  SearchArticlesRequest.newBuilder()
                      .setQuery(String.join(" ", words))
                      .setLimit(limit)
                      .addAllTags(tags)
                      .build());
      if (r.getHitsList().isEmpty() && client.output() == ClientOptions.OutputFormat.table) {
        System.out.println("no articles match");
        return 0;
      }
      client
          .printer()
          .print(
              r,
              () -> {
                Table t = new Table("SCORE", "SLUG", "TITLE", "SNIPPET");
                for (ArticleHit h : r.getHitsList()) {
                  t.row(
                      String.format(Locale.ROOT, "%.2f", h.getScore()),
                      h.getSlug(),
                      h.getTitle(),
                      h.getSnippet());
                }
                return t;
              });
      return 0;
    } finally {
      channel.shutdownNow();
    }
  }
}
