package io.meshdesk.ai.retrieval;

/**
 * A solved ticket whose text means much the same as a query.
 *
 * @param ticketId the solved ticket
 * @param similarity cosine similarity of the two texts' embeddings, in [-1, 1]
 */
public record SimilarTicket(String ticketId, double similarity) {}
