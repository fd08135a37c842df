package io.meshdesk.ai.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.meshdesk.ai.knowledge.grpc.KnowledgeGrpcService;
import io.meshdesk.ai.worker.WorkerHarness;
import io.meshdesk.api.common.v1.PageRequest;
import io.meshdesk.api.knowledge.v1.ArticleHit;
import io.meshdesk.api.knowledge.v1.ArticleTags;
import io.meshdesk.api.knowledge.v1.CreateArticleRequest;
import io.meshdesk.api.knowledge.v1.GetArticleRequest;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.ListArticlesRequest;
import io.meshdesk.api.knowledge.v1.SearchArticlesRequest;
import io.meshdesk.api.knowledge.v1.UpdateArticleRequest;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.db.Transactions;
import io.meshdesk.testing.InProcessGrpc;
import io.meshdesk.testing.TestTokens;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KnowledgeService over in-process gRPC with real auth, PostgreSQL (RLS) and the Lucene index. */
class KnowledgeServiceIT {

  static final UUID TENANT = UUID.randomUUID();
  static final UUID OTHER = UUID.randomUUID();
  static WorkerHarness h;
  static InProcessGrpc grpc;

  @BeforeAll
  static void start() {
    h = new WorkerHarness("kb_service");
    grpc =
        InProcessGrpc.start(
            List.of(new KnowledgeGrpcService(h.knowledge)), List.of(h.tokens.interceptor()));
  }

  @AfterAll
  static void stop() {
    grpc.close();
    h.close();
  }

  static KnowledgeServiceGrpc.KnowledgeServiceBlockingStub as(UUID tenant, Role role) {
    return KnowledgeServiceGrpc.newBlockingStub(grpc.channel())
        .withCallCredentials(TestTokens.bearer(h.tokens.user(tenant, UUID.randomUUID(), role)));
  }

  @Test
  void createdArticleIsSearchableAndUpdatesAreOptimistic() {
    var admin = as(TENANT, Role.ADMIN);
    var a =
        admin
            .createArticle(
                CreateArticleRequest.newBuilder()
                    .setTitle("Resetting your password")
                    .setBody(
                        "Choose **Forgot password** on the sign-in page; the reset link expires after 30 minutes.")
                    .addTags("login")
                    .build())
            .getArticle();
    assertThat(a.getSlug()).isEqualTo("resetting-your-password");
    assertThat(a.getVersion()).isEqualTo(1);

    List<ArticleHit> hits =
        as(TENANT, Role.AGENT)
            .searchArticles(
                SearchArticlesRequest.newBuilder().setQuery("reset link expired").build())
            .getHitsList();
    assertThat(hits).extracting(ArticleHit::getArticleId).containsExactly(a.getId());
    assertThat(hits.getFirst().getSnippet()).contains("reset link");

    var updated =
        admin
            .updateArticle(
                UpdateArticleRequest.newBuilder()
                    .setArticleId(a.getId())
                    .setExpectedVersion(1)
                    .setBody("Reset links now expire after 2 hours.")
                    .setTags(ArticleTags.newBuilder().addValues("login").addValues("password"))
                    .build())
            .getArticle();
    assertThat(updated.getVersion()).isEqualTo(2);
    assertThat(updated.getTagsList()).containsExactly("login", "password");
    assertThat(
            as(TENANT, Role.AGENT)
                .searchArticles(
                    SearchArticlesRequest.newBuilder()
                        .setQuery("2 hours")
                        .addTags("password")
                        .build())
                .getHitsList())
        .hasSize(1);

    assertThatThrownBy(
            () ->
                admin.updateArticle(
                    UpdateArticleRequest.newBuilder()
                        .setArticleId(a.getId())
                        .setExpectedVersion(1)
                        .setTitle("Stale")
                        .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED));
  }

  @Test
  void agentsCannotWriteArticles() {
    assertThatThrownBy(
            () ->
                as(TENANT, Role.AGENT)
                    .createArticle(
                        CreateArticleRequest.newBuilder().setTitle("x").setBody("y").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void otherTenantSeesNeitherTheArticleNorItsSearchHits() throws Exception {
    var a =
        as(TENANT, Role.ADMIN)
            .createArticle(
                CreateArticleRequest.newBuilder()
                    .setTitle("Quarterly invoice archive")
                    .setBody("Download archived quarterly invoices from Billing.")
                    .build())
            .getArticle();

    var other = as(OTHER, Role.ADMIN);
    assertThat(
            other
                .searchArticles(
                    SearchArticlesRequest.newBuilder()
                        .setQuery("quarterly invoice archive")
                        .build())
                .getHitsList())
        .isEmpty();
    assertThat(
            other
                .listArticles(
                    ListArticlesRequest.newBuilder()
                        .setPage(PageRequest.newBuilder().setPageSize(100))
                        .build())
                .getArticlesList())
        .isEmpty();
    assertThatThrownBy(
            () -> other.getArticle(GetArticleRequest.newBuilder().setArticleId(a.getId()).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    // Row-level security is the wall behind the code: without a tenant, the table reads empty.
    long visible =
        new Transactions(h.database.dataSource())
            .withoutTenant(
                c -> {
                  try (ResultSet rs =
                      c.createStatement().executeQuery("select count(*) from knowledge.articles")) {
                    rs.next();
                    return rs.getLong(1);
                  }
                });
    assertThat(visible).isZero();
  }

  @Test
  void listPagesThroughArticlesNewestFirst() {
    UUID tenant = UUID.randomUUID();
    var admin = as(tenant, Role.ADMIN);
    for (int i = 0; i < 5; i++) {
      admin.createArticle(
          CreateArticleRequest.newBuilder().setTitle("Article " + i).setBody("Body " + i).build());
    }
    var first =
        admin.listArticles(
            ListArticlesRequest.newBuilder()
                .setPage(PageRequest.newBuilder().setPageSize(3))
                .build());
    var second =
        admin.listArticles(
            ListArticlesRequest.newBuilder()
                .setPage(
                    PageRequest.newBuilder()
                        .setPageSize(3)
                        .setPageToken(first.getPage().getNextPageToken()))
                .build());
    assertThat(first.getArticlesList()).hasSize(3);
    assertThat(second.getArticlesList()).hasSize(2);
    assertThat(second.getPage().getNextPageToken()).isEmpty();
    assertThat(first.getArticles(0).getTitle()).isEqualTo("Article 4");
  }

  @Test
  void solvedTicketsAreCaughtUpAndTheIndexIsRebuiltFromPostgres() {
    UUID tenant = UUID.randomUUID();
    h.knowledge.registerTenant(tenant);
    var solved =
        h.ticketServer.addSolved(
            tenant,
            "Export stuck at processing",
            "My CSV export never finishes.",
            "Large exports run in the background; I re-sent the download link.");
    ResolutionFeed feed = new ResolutionFeed(h.knowledge, h.tickets, java.time.Clock.systemUTC());

    assertThat(feed.catchUp(tenant)).isEqualTo(1);

    var rebuilt =
        new KnowledgeBase(
            new ArticleStore(h.database.dataSource()),
            new ResolutionStore(new Transactions(h.database.dataSource())),
            io.meshdesk.ai.retrieval.KnowledgeIndex.inMemory(),
            java.time.Clock.systemUTC());
    rebuilt.rebuildIndex();
    assertThat(rebuilt.retrieve(tenant, "csv export processing", 5))
        .extracting(d -> d.id())
        .containsExactly(solved.getId());
    assertThat(rebuilt.retrieve(OTHER, "csv export processing", 5)).isEmpty();
  }
}
