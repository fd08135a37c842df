package io.meshdesk.cli.kb;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.api.knowledge.v1.Article;
import io.meshdesk.api.knowledge.v1.CreateArticleRequest;
import io.meshdesk.api.knowledge.v1.GetArticleRequest;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.UpdateArticleRequest;
import io.meshdesk.cli.common.ClientOptions;
import io.meshdesk.cli.common.Output;
import io.meshdesk.cli.common.Rpc;
import io.meshdesk.cli.common.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code meshctl kb import <dir>}: creates an article per Markdown file of a folder (recursively),
 * or updates the article with the same slug when it exists.
 */
@Command(
    name = "import",
    description = "Import a folder of Markdown files as articles (re-import updates them).")
@Rpc({
  "meshdesk.knowledge.v1.KnowledgeService/CreateArticle",
  "meshdesk.knowledge.v1.KnowledgeService/UpdateArticle"
})
public final class KbImportCommand implements Callable<Integer> {

  @Mixin ClientOptions client;

  @Parameters(index = "0", description = "Folder of .md files.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files =
          walk.filter(
                  p -> Files.isRegularFile(p) && p.toString().matches("(?i).*\\.(md|markdown)$"))
              .sorted()
              .toList();
    }
    ManagedChannel channel = client.channel();
    int created = 0;
    int updated = 0;
    try {
      var stub = KnowledgeServiceGrpc.newBlockingStub(channel);
      for (Path file : files) {
        MarkdownArticle md = MarkdownArticle.read(file);
        var s = stub.withDeadlineAfter(10, TimeUnit.SECONDS);
        try {
          s.createArticle(
              CreateArticleRequest.newBuilder()
                  .setTitle(md.title())
                  .setBody(md.body())
                  .setSlug(md.slug())
                  .build());
          created++;
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
            throw e;
          }
          Article current =
              s.getArticle(GetArticleRequest.newBuilder().setSlug(md.slug()).build()).getArticle();
          s.updateArticle(
              UpdateArticleRequest.newBuilder()
                  .setArticleId(current.getId())
                  .setExpectedVersion(current.getVersion())
                  .setTitle(md.title())
                  .setBody(md.body())
                  .build());
          updated++;
        }
      }
    } finally {
      channel.shutdownNow();
    }
    Output out = client.printer();
    if (out.human()) {
      System.out.printf(
          "imported %d file(s): %d created, %d updated%n", files.size(), created, updated);
    } else {
      int total = files.size();
      int made = created;
      int changed = updated;
      Struct result =
          Struct.newBuilder()
              .putFields("files", number(total))
              .putFields("created", number(made))
              .putFields("updated", number(changed))
              .build();
      out.print(result, () -> new Table("files", "created", "updated").row(total, made, changed));
    }
    return 0;
  }

  private static Value number(int n) {
    return Value.newBuilder().setNumberValue(n).build();
  }
}
