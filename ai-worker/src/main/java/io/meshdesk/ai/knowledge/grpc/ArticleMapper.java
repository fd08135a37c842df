package io.meshdesk.ai.knowledge.grpc;

import static io.meshdesk.platform.proto.ProtoTime.timestamp;

import io.meshdesk.ai.knowledge.Article;
import io.meshdesk.ai.knowledge.ArticleHit;
import io.meshdesk.api.common.v1.Actor;
import io.meshdesk.api.common.v1.ActorKind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Domain articles to proto and back; page tokens. */
final class ArticleMapper {

  private ArticleMapper() {}

  static io.meshdesk.api.knowledge.v1.Article toProto(Article a) {
    return io.meshdesk.api.knowledge.v1.Article.newBuilder()
        .setId(a.id().toString())
        .setTitle(a.title())
        .setBody(a.body())
        .addAllTags(a.tags())
        .setSlug(a.slug())
        .setVersion(a.version())
        .setCreatedAt(timestamp(a.createdAt()))
        .setUpdatedAt(timestamp(a.updatedAt()))
        .setCreatedBy(actor(a.createdBy()))
        .setUpdatedBy(actor(a.updatedBy()))
        .build();
  }

  static io.meshdesk.api.knowledge.v1.ArticleHit toProto(ArticleHit h) {
    return io.meshdesk.api.knowledge.v1.ArticleHit.newBuilder()
        .setArticleId(h.article().id().toString())
        .setTitle(h.article().title())
        .setSlug(h.article().slug())
        .setSnippet(h.snippet())
        .setScore((float) h.score())
        .addAllTags(h.article().tags())
        .build();
  }

  static String pageToken(UUID lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("a:" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  static UUID parsePageToken(String token) {
    if (token.isEmpty()) {
      return null;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!s.startsWith("a:")) {
        throw KnowledgeGrpcService.badToken();
      }
      return UUID.fromString(s.substring(2));
    } catch (IllegalArgumentException e) {
      throw KnowledgeGrpcService.badToken();
    }
  }

  private static Actor actor(Article.Author a) {
    return Actor.newBuilder()
        .setKind(a.service() ? ActorKind.ACTOR_KIND_SERVICE_ACCOUNT : ActorKind.ACTOR_KIND_USER)
        .setId(a.id())
        .build();
  }
}
