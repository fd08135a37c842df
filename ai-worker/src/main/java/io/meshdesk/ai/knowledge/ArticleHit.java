package io.meshdesk.ai.knowledge;

/**
 * One article search result.
 *
 * @param article the article
 * @param snippet plain-text passage around the best match
 * @param score BM25 score, higher is better
 */
public record ArticleHit(Article article, String snippet, double score) {}
