package io.meshdesk.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdesk.ai.AiWorker;
import io.meshdesk.ai.knowledge.Article;
import io.meshdesk.ai.knowledge.ArticleStore;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.ai.knowledge.ResolutionStore;
import io.meshdesk.ai.knowledge.grpc.KnowledgeGrpcService;
import io.meshdesk.ai.retrieval.KnowledgeIndex;
import io.meshdesk.cli.Meshctl;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.config.DatabaseConfig;
import io.meshdesk.platform.config.GrpcConfig;
import io.meshdesk.platform.db.Database;
import io.meshdesk.platform.db.Migrations;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.platform.grpc.GrpcServer;
import io.meshdesk.testing.TestEnvironment;
import io.meshdesk.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshctl kb import} and {@code kb search} against a real KnowledgeService over the network.
 */
class KbImportIT {

  static final UUID TENANT = UUID.randomUUID();
  static Database database;
  static KnowledgeBase kb;
  static GrpcServer server;
  static String token;

  @BeforeAll
  static void start() {
    DatabaseConfig db = TestEnvironment.get().newDatabase("kb_cli");
    Migrations.apply(db, AiWorker.CHANGELOGS);
    database = new Database(db, "kb-cli");
    Transactions tx = new Transactions(database.dataSource());
    kb =
        new KnowledgeBase(
            new ArticleStore(database.dataSource()),
            new ResolutionStore(tx),
            KnowledgeIndex.inMemory(),
            Clock.systemUTC());
    TestTokens tokens = new TestTokens();
    token = tokens.user(TENANT, UUID.randomUUID(), Role.ADMIN);
    server =
        GrpcServer.builder("kb-test", GrpcConfig.loopback().withPort(0, -1))
            .addService(new KnowledgeGrpcService(kb))
            .addInterceptor(tokens.interceptor())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @Test
  void importsAFolderOfMarkdownAndReimportUpdatesInPlace(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("reset-password.md"),
        "# Resetting your password\n\nUse **Forgot password**; links expire in 30 minutes.\n");
    Files.createDirectories(dir.resolve("billing"));
    Files.writeString(
        dir.resolve("billing/refund_policy.md"), "Refunds within 14 days of purchase.\n");
    Files.writeString(dir.resolve("notes.txt"), "not markdown");
    String target = "127.0.0.1:" + server.port();

    assertThat(Meshctl.run("kb", "import", dir.toString(), "--target", target, "--token", token))
        .isZero();

    List<Article> articles = kb.list(TENANT, null, null, null, 10);
    assertThat(articles)
        .extracting(Article::title)
        .containsExactlyInAnyOrder("Resetting your password", "refund policy");
    assertThat(articles)
        .extracting(Article::slug)
        .containsExactlyInAnyOrder("reset-password", "refund-policy");

    Files.writeString(
        dir.resolve("billing/refund_policy.md"), "# Refund policy\n\nRefunds within 30 days.\n");
    assertThat(Meshctl.run("kb", "import", dir.toString(), "--target", target, "--token", token))
        .isZero();

    Article refund = kb.getBySlug(TENANT, "refund-policy");
    assertThat(refund.title()).isEqualTo("Refund policy");
    assertThat(refund.version()).isEqualTo(2);
    assertThat(kb.list(TENANT, null, null, null, 10)).hasSize(2);
    assertThat(Meshctl.run("kb", "search", "refund", "days", "--target", target, "--token", token))
        .isZero();
    assertThat(kb.search(TENANT, "refund days", 5, List.of()))
        .extracting(h -> h.article().slug())
        .containsExactly("refund-policy");
  }
}
