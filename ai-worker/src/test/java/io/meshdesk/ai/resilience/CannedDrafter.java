package io.meshdesk.ai.resilience;

import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.DraftRequest;
import io.meshdesk.ai.drafting.Drafter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A stand-in for the offline drafter: always drafts the same reply, in two chunks. */
final class CannedDrafter implements Drafter {

  static final String REPLY = "Thanks for reaching out, we are looking into it.";

  final AtomicInteger calls = new AtomicInteger();

  @Override
  public Draft draft(DraftRequest request, Consumer<String> onReplyText) {
    calls.incrementAndGet();
    onReplyText.accept(REPLY.substring(0, 10));
    onReplyText.accept(REPLY.substring(10));
    return new Draft(
        Draft.Sentiment.NEUTRAL,
        0,
        "general",
        Draft.Priority.NORMAL,
        request.subject(),
        REPLY,
        0.3,
        List.of(),
        name());
  }

  @Override
  public String name() {
    return "canned-offline";
  }
}
