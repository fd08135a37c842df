package io.meshdesk.cli.kb;

import static io.meshdesk.cli.common.Flags.ifGiven;

import io.grpc.Channel;
import io.meshdesk.api.knowledge.v1.ArticleTags;
import io.meshdesk.api.knowledge.v1.CreateArticleRequest;
import io.meshdesk.api.knowledge.v1.DeleteArticleRequest;
import io.meshdesk.api.knowledge.v1.GetArticleRequest;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc.KnowledgeServiceBlockingStub;
import io.meshdesk.api.knowledge.v1.ListArticlesRequest;
import io.meshdesk.api.knowledge.v1.UpdateArticleRequest;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.PageOptions;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.StubCommand;
import io.meshdesk.cli.common.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kb create|get|list|update|delete}: one article at a time. */
final class KbArticleCommands {

  private static final String SERVICE = "meshdesk.knowledge.v1.KnowledgeService/";

  private KbArticleCommands() {}

  /** Base: calls the knowledge service of {@code --target}. */
  abstract static class OnKb extends StubCommand<KnowledgeServiceBlockingStub> {
    @Override
    protected KnowledgeServiceBlockingStub stub(Channel channel) {
      return KnowledgeServiceGrpc.newBlockingStub(channel);
    }
  }

  /** The article body: {@code --body}, else the file {@code --body-file}. */
  static String body(String body, Path file) throws java.io.IOException {
    if (body != null && file != null) {
      throw new IllegalArgumentException("give --body or --body-file, not both");
    }
    return file != null ? Files.readString(file) : body;
  }

  @Command(name = "create", description = "Create an article.")
  @Rpc(SERVICE + "CreateArticle")
  static final class Create extends OnKb {
    @Option(names = "--title", required = true, description = "Title.")
    String title;

    @Option(names = "--body", description = "Body text (Markdown).")
    String body;

    @Option(names = "--body-file", description = "File holding the body.")
    Path bodyFile;

    @Option(names = "--slug", defaultValue = "", description = "URL name (default: from title).")
    String slug;

    @Option(names = "--tag", split = ",", description = "Tags.")
    List<String> tags = List.of();

    @Override
    protected int run(KnowledgeServiceBlockingStub kb, Output out) throws Exception {
      String text = body(body, bodyFile);
      if (text == null) {
        throw new IllegalArgumentException("give the body with --body or --body-file");
      }
      out.item(
          kb.createArticle(
              CreateArticleRequest.newBuilder()
                  .setTitle(title)
                  .setBody(text)
                  .setSlug(slug)
                  .addAllTags(tags)
                  .build()),
          "article");
      return 0;
    }
  }

  @Command(name = "get", description = "Show an article by id or slug.")
  @Rpc(SERVICE + "GetArticle")
  static final class Get extends OnKb {
    @Parameters(paramLabel = "ID_OR_SLUG", description = "Article id or slug.")
    String key;

    @Override
    protected int run(KnowledgeServiceBlockingStub kb, Output out) {
      GetArticleRequest.Builder req = GetArticleRequest.newBuilder();
      if (key.matches(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
        req.setArticleId(key);
      } else {
        req.setSlug(key);
      }
      var r = kb.getArticle(req.build());
      if (out.human()) {
        new Table("FIELD", "VALUE")
            .row("id", r.getArticle().getId())
            .row("title", r.getArticle().getTitle())
            .row("slug", r.getArticle().getSlug())
            .row("version", r.getArticle().getVersion())
            .row("tags", String.join(",", r.getArticle().getTagsList()))
            .print(System.out, out.headers(), false);
        System.out.println();
        System.out.println(r.getArticle().getBody());
      } else {
        out.item(r, "article");
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List articles, optionally by tag.")
  @Rpc(SERVICE + "ListArticles")
  static final class ListArticles extends OnKb {
    @Mixin PageOptions page;

    @Option(names = "--tag", description = "Only articles with this tag.")
    String tag;

    @Override
    protected int run(KnowledgeServiceBlockingStub kb, Output out) {
      ListArticlesRequest.Builder req = ListArticlesRequest.newBuilder().setPage(page.request());
      ifGiven(tag, req::setTag);
      var r = kb.listArticles(req.build());
      page.print(out, r, "articles", r.getPage());
      return 0;
    }
  }

  @Command(name = "update", description = "Change an article's title, body, slug or tags.")
  @Rpc({SERVICE + "UpdateArticle", SERVICE + "GetArticle"})
  static final class Update extends OnKb {
    @Parameters(paramLabel = "ARTICLE_ID", description = "Article id.")
    String id;

    @Option(names = "--title", description = "New title.")
    String title;

    @Option(names = "--body", description = "New body text.")
    String body;

    @Option(names = "--body-file", description = "File holding the new body.")
    Path bodyFile;

    @Option(names = "--slug", description = "New slug.")
    String slug;

    @Option(names = "--tags", split = ",", description = "New tags (replace the old ones).")
    List<String> tags;

    @Option(
        names = "--expected-version",
        description = "Fail if the article changed since (default: its current version).")
    Long version;

    @Override
    protected int run(KnowledgeServiceBlockingStub kb, Output out) throws Exception {
      String text = body(body, bodyFile);
      UpdateArticleRequest.Builder req = UpdateArticleRequest.newBuilder().setArticleId(id);
      ifGiven(title, req::setTitle);
      ifGiven(text, req::setBody);
      ifGiven(slug, req::setSlug);
      ifGiven(tags, t -> ArticleTags.newBuilder().addAllValues(t).build(), req::setTags);
      long v =
          version != null
              ? version
              : kb.getArticle(GetArticleRequest.newBuilder().setArticleId(id).build())
                  .getArticle()
                  .getVersion();
      out.item(kb.updateArticle(req.setExpectedVersion(v).build()), "article");
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete an article.")
  @Rpc(SERVICE + "DeleteArticle")
  static final class Delete extends OnKb {
    @Parameters(paramLabel = "ARTICLE_ID", description = "Article id.")
    String id;

    @Override
    protected int run(KnowledgeServiceBlockingStub kb, Output out) {
      var r = kb.deleteArticle(DeleteArticleRequest.newBuilder().setArticleId(id).build());
      out.print(r, () -> new Table("DELETED").row(id));
      return 0;
    }
  }
}
