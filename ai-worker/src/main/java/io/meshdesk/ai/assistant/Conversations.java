package io.meshdesk.ai.assistant;

import java.util.List;
import java.util.UUID;

/** The assistant's conversations, each belonging to the user who started it. */
public interface Conversations {

  /**
   * The last {@code limit} turns of a conversation, oldest first.
   *
   * @throws io.meshdesk.platform.errors.NotFoundException when the conversation does not exist or
   *     belongs to another user (the two are not told apart)
   */
  List<ConversationTurn> lastTurns(UUID tenant, UUID owner, UUID conversation, int limit);

  /**
   * Appends an answered turn, starting the conversation if it has no turn yet.
   *
   * @throws io.meshdesk.platform.errors.NotFoundException when the conversation belongs to another
   *     user
   */
  void append(UUID tenant, UUID owner, UUID conversation, ConversationTurn turn);
}
