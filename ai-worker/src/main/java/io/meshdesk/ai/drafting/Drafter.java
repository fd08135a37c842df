package io.meshdesk.ai.drafting;

import java.util.function.Consumer;

/**
 * Produces triage and a drafted reply for one ticket. Two implementations sit behind this
 * interface: the Gemini drafter (cloud) and the offline drafter (local retrieval and models).
 */
public interface Drafter {

  /**
   * Drafts a suggestion for the ticket in {@code request}.
   *
   * @param request the ticket, the tenant's tone guidelines and the retrieved context
   * @param onReplyText receives the drafted reply text as it is produced, chunk by chunk, in order;
   *     the concatenation of all chunks equals {@link Draft#reply()}. Drafters that do not stream
   *     call it once with the whole reply.
   * @return the complete draft
   * @throws DraftingException when no draft could be produced (the caller may fall back)
   */
  Draft draft(DraftRequest request, Consumer<String> onReplyText) throws DraftingException;

  /** Short identifier recorded with each suggestion, e.g. {@code offline-bm25} or a model name. */
  String name();
}
