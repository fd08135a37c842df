package io.meshdesk.ticket.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket being changed inside one transaction: the fields of a {@link TicketRecord}, mutable,
 * with the lifecycle and SLA steps every change shares. {@link #record()} takes a snapshot.
 */
public final class TicketState {

  public String id;
  public long number;
  public String subject;
  public String body;
  public Status status;
  public Priority priority;
  public String requesterId;
  public String assigneeId;
  public String teamId;
  public List<String> tags;
  public Map<String, String> customFields;
  public long version;
  public Instant createdAt;
  public Instant updatedAt;
  public Instant firstResponseDueAt;
  public Instant resolutionDueAt;
  public Instant firstRespondedAt;
  public Instant solvedAt;
  public Instant closedAt;
  public boolean firstResponseBreached;
  public boolean resolutionBreached;
  public AiStatus aiStatus;
  public String aiSummary;
  public String aiCategory;
  public Sentiment aiSentiment;
  public String latestSuggestionId;
  public int commentCount;
  public int publicCommentCount;
  public Long resolutionRemainingMs;
  public String transactionId;

  /** A working copy of {@code t}. */
  public TicketState(TicketRecord t) {
    id = t.id();
    number = t.number();
    subject = t.subject();
    body = t.body();
    status = t.status();
    priority = t.priority();
    requesterId = t.requesterId();
    assigneeId = t.assigneeId();
    teamId = t.teamId();
    tags = t.tags();
    customFields = t.customFields();
    version = t.version();
    createdAt = t.createdAt();
    updatedAt = t.updatedAt();
    firstResponseDueAt = t.firstResponseDueAt();
    resolutionDueAt = t.resolutionDueAt();
    firstRespondedAt = t.firstRespondedAt();
    solvedAt = t.solvedAt();
    closedAt = t.closedAt();
    firstResponseBreached = t.firstResponseBreached();
    resolutionBreached = t.resolutionBreached();
    aiStatus = t.aiStatus();
    aiSummary = t.aiSummary();
    aiCategory = t.aiCategory();
    aiSentiment = t.aiSentiment();
    latestSuggestionId = t.latestSuggestionId();
    commentCount = t.commentCount();
    publicCommentCount = t.publicCommentCount();
    resolutionRemainingMs = t.resolutionRemainingMs();
    transactionId = t.transactionId();
  }

  /** The ticket as it stands now. */
  public TicketRecord record() {
    return new TicketRecord(
        id,
        number,
        subject,
        body,
        status,
        priority,
        requesterId,
        assigneeId,
        teamId,
        tags,
        customFields,
        version,
        createdAt,
        updatedAt,
        firstResponseDueAt,
        resolutionDueAt,
        firstRespondedAt,
        solvedAt,
        closedAt,
        firstResponseBreached,
        resolutionBreached,
        aiStatus,
        aiSummary,
        aiCategory,
        aiSentiment,
        latestSuggestionId,
        commentCount,
        publicCommentCount,
        resolutionRemainingMs,
        transactionId);
  }

  /** The SLA deadlines as they stand. */
  public SlaClock slaClock() {
    return new SlaClock(
        createdAt,
        firstResponseDueAt,
        firstRespondedAt,
        resolutionDueAt,
        resolutionRemainingMs,
        firstResponseBreached,
        resolutionBreached);
  }

  /** Writes changed SLA deadlines back (the creation time is not changed). */
  public void setSlaClock(SlaClock c) {
    firstResponseDueAt = c.firstResponseDue();
    firstRespondedAt = c.firstRespondedAt();
    resolutionDueAt = c.resolutionDue();
    resolutionRemainingMs = c.resolutionRemainingMs();
    firstResponseBreached = c.firstResponseBreached();
    resolutionBreached = c.resolutionBreached();
  }

  /** Moves to a new status with its effects on the solve and close times and the SLA clocks. */
  public void applyStatus(Status to, Instant now) {
    Status from = status;
    setSlaClock(slaClock().statusChanged(from, to, now));
    status = to;
    if (to == Status.SOLVED) {
      solvedAt = now;
    } else if (to == Status.CLOSED) {
      closedAt = now;
    } else if (to == Status.OPEN && from == Status.SOLVED) {
      solvedAt = null;
    }
  }

  /**
   * Flags the deadlines that a first response ({@code responded}) or a solve ({@code solved}) at
   * {@code now} meets after they passed and that no checker pass has flagged yet; returns them.
   */
  public List<SlaClock.Breach> flagLate(Instant now, boolean responded, boolean solved) {
    SlaClock clock = slaClock();
    List<SlaClock.Breach> late = clock.metLate(now, responded, solved);
    if (!late.isEmpty()) {
      setSlaClock(clock.flagged(late));
    }
    return late;
  }

  /** Starts the next version of the ticket, changed at {@code now}; returns the new version. */
  public long nextVersion(Instant now) {
    version++;
    updatedAt = now;
    return version;
  }
}
