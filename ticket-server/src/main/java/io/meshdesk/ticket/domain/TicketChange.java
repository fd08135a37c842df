package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.List;

/** What happened to a ticket, as its event tells agents' streams. */
public sealed interface TicketChange {

  /** Whether only staff may receive it (internal notes, AI and SLA events). */
  boolean staffOnly();

  /** Fields of the ticket changed; {@code fields} names them as the contract does. */
  record Updated(List<String> fields) implements TicketChange {
    public Updated {
      fields = List.copyOf(fields);
    }

    @Override
    public boolean staffOnly() {
      return false;
    }
  }

  /** The assignee changed ({@code ""}: none). */
  record Assigned(String previousAssigneeId, String assigneeId) implements TicketChange {
    @Override
    public boolean staffOnly() {
      return false;
    }
  }

  /** A comment was added; an internal note goes to staff only. */
  record CommentAdded(TicketComment comment) implements TicketChange {
    @Override
    public boolean staffOnly() {
      return comment.internal();
    }
  }

  /** An SLA deadline passed unmet. */
  record SlaBreached(SlaMetric metric, Instant dueAt) implements TicketChange {
    @Override
    public boolean staffOnly() {
      return true;
    }
  }

  /** The AI worker attached a suggestion. */
  record SuggestionReady(AiSuggestion suggestion) implements TicketChange {
    @Override
    public boolean staffOnly() {
      return true;
    }
  }

  /** The AI worker gave up on a job. */
  record AiUnavailable(String jobId, AiUnavailableReason reason, String detail)
      implements TicketChange {
    @Override
    public boolean staffOnly() {
      return true;
    }
  }
}
