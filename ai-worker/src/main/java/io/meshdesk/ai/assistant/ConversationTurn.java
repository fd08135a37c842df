package io.meshdesk.ai.assistant;

import java.time.Instant;

/**
 * One answered turn of a conversation.
 *
 * @param question what the user asked
 * @param answer the answer sent
 * @param drafter who phrased it ("offline" or a model name)
 * @param answeredAt when it was answered
 */
public record ConversationTurn(
    String question, String answer, String drafter, Instant answeredAt) {}
