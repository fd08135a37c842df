package io.meshdesk.ai.knowledge.grpc;

import io.grpc.stub.StreamObserver;
import io.meshdesk.ai.knowledge.Article;
import io.meshdesk.ai.knowledge.ArticleChange;
import io.meshdesk.ai.knowledge.KnowledgeBase;
import io.meshdesk.api.common.v1.PageResponse;
import io.meshdesk.api.knowledge.v1.CreateArticleRequest;
import io.meshdesk.api.knowledge.v1.CreateArticleResponse;
import io.meshdesk.api.knowledge.v1.DeleteArticleRequest;
import io.meshdesk.api.knowledge.v1.DeleteArticleResponse;
import io.meshdesk.api.knowledge.v1.GetArticleRequest;
import io.meshdesk.api.knowledge.v1.GetArticleResponse;
import io.meshdesk.api.knowledge.v1.KnowledgeServiceGrpc;
import io.meshdesk.api.knowledge.v1.ListArticlesRequest;
import io.meshdesk.api.knowledge.v1.ListArticlesResponse;
import io.meshdesk.api.knowledge.v1.SearchArticlesRequest;
import io.meshdesk.api.knowledge.v1.SearchArticlesResponse;
import io.meshdesk.api.knowledge.v1.UpdateArticleRequest;
import io.meshdesk.api.knowledge.v1.UpdateArticleResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.platform.auth.Principal;
import io.meshdesk.platform.auth.Role;
import io.meshdesk.platform.errors.InvalidArgumentException;
import io.meshdesk.platform.proto.ProtoTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * meshdesk.knowledge.v1.KnowledgeService: maps proto to {@link KnowledgeBase} calls in the caller's
 * tenant (always from the token) and back.
 */
public final class KnowledgeGrpcService extends KnowledgeServiceGrpc.KnowledgeServiceImplBase {

  private static final int DEFAULT_PAGE = 50;

  private final KnowledgeBase kb;

  public KnowledgeGrpcService(KnowledgeBase kb) {
    this.kb = kb;
  }

  /** Creates an article. */
  @Override
  public void createArticle(CreateArticleRequest req, StreamObserver<CreateArticleResponse> out) {
    Principal p = AuthContext.principal();
    Article a =
        kb.create(
            p.requireTenant(),
            req.getTitle(),
            req.getBody(),
            req.getTagsList(),
            req.getSlug(),
            author(p));
    complete(out, CreateArticleResponse.newBuilder().setArticle(ArticleMapper.toProto(a)).build());
  }

  /** Changes an article at an expected version. */
  @Override
  public void updateArticle(UpdateArticleRequest req, StreamObserver<UpdateArticleResponse> out) {
    Principal p = AuthContext.principal();
    ArticleChange change =
        new ArticleChange(
            req.hasTitle() ? req.getTitle() : null,
            req.hasBody() ? req.getBody() : null,
            req.hasTags() ? req.getTags().getValuesList() : null,
            req.hasSlug() ? req.getSlug() : null);
    Article a =
        kb.update(
            p.requireTenant(),
            UUID.fromString(req.getArticleId()),
            req.getExpectedVersion(),
            change,
            author(p));
    complete(out, UpdateArticleResponse.newBuilder().setArticle(ArticleMapper.toProto(a)).build());
  }

  /** Returns one article by id or slug. */
  @Override
  public void getArticle(GetArticleRequest req, StreamObserver<GetArticleResponse> out) {
    UUID tenant = AuthContext.principal().requireTenant();
    Article a =
        req.hasArticleId()
            ? kb.get(tenant, UUID.fromString(req.getArticleId()))
            : kb.getBySlug(tenant, req.getSlug());
    complete(out, GetArticleResponse.newBuilder().setArticle(ArticleMapper.toProto(a)).build());
  }

  /** Lists articles, most recently updated first. */
  @Override
  public void listArticles(ListArticlesRequest req, StreamObserver<ListArticlesResponse> out) {
    UUID tenant = AuthContext.principal().requireTenant();
    int size = req.getPage().getPageSize() == 0 ? DEFAULT_PAGE : req.getPage().getPageSize();
    UUID after = ArticleMapper.parsePageToken(req.getPage().getPageToken());
    Instant since = req.hasUpdatedSince() ? ProtoTime.instant(req.getUpdatedSince()) : null;
    List<Article> page =
        kb.list(tenant, after, req.getTag().isEmpty() ? null : req.getTag(), since, size + 1);
    ListArticlesResponse.Builder b = ListArticlesResponse.newBuilder();
    page.stream().limit(size).forEach(a -> b.addArticles(ArticleMapper.toProto(a)));
    String next = page.size() > size ? ArticleMapper.pageToken(page.get(size - 1).id()) : "";
    complete(out, b.setPage(PageResponse.newBuilder().setNextPageToken(next)).build());
  }

  /** BM25 search over the tenant's articles. */
  @Override
  public void searchArticles(
      SearchArticlesRequest req, StreamObserver<SearchArticlesResponse> out) {
    UUID tenant = AuthContext.principal().requireTenant();
    int limit = req.getLimit() == 0 ? 10 : req.getLimit();
    SearchArticlesResponse.Builder b = SearchArticlesResponse.newBuilder();
    kb.search(tenant, req.getQuery(), limit, req.getTagsList())
        .forEach(h -> b.addHits(ArticleMapper.toProto(h)));
    complete(out, b.build());
  }

  /** Deletes an article. */
  @Override
  public void deleteArticle(DeleteArticleRequest req, StreamObserver<DeleteArticleResponse> out) {
    UUID tenant = AuthContext.principal().requireTenant();
    kb.delete(
        tenant,
        UUID.fromString(req.getArticleId()),
        req.hasExpectedVersion() ? req.getExpectedVersion() : null);
    complete(out, DeleteArticleResponse.getDefaultInstance());
  }

  private static Article.Author author(Principal p) {
    return new Article.Author(p.role() == Role.SERVICE, p.subject().toString());
  }

  private static <T> void complete(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  /** Thrown for a malformed page token. */
  static InvalidArgumentException badToken() {
    return new InvalidArgumentException("page.page_token", "malformed page token");
  }
}
