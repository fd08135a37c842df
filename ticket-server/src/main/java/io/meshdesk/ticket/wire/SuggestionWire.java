package io.meshdesk.ticket.wire;

import io.meshdesk.api.ticket.v1.DuplicateTicket;
import io.meshdesk.api.ticket.v1.Sentiment;
import io.meshdesk.api.ticket.v1.SimilarTicket;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.api.ticket.v1.SuggestionFeedback;
import io.meshdesk.api.ticket.v1.SuggestionSource;
import io.meshdesk.api.ticket.v1.SuggestionSourceKind;
import io.meshdesk.api.ticket.v1.TicketPriority;
import io.meshdesk.api.ticket.v1.TicketStatus;
import io.meshdesk.platform.proto.ProtoTime;
import io.meshdesk.ticket.domain.Actor;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.domain.Priority;
import io.meshdesk.ticket.domain.Status;
import java.time.Duration;

/**
 * AI suggestions in the contract's form, both ways: the form the AI worker sends, agents are shown,
 * events carry and the store keeps.
 */
public final class SuggestionWire {

  private SuggestionWire() {}

  /** A suggestion as the contract shows it. */
  public static Suggestion suggestion(AiSuggestion s) {
    Suggestion.Builder b =
        Suggestion.newBuilder()
            .setId(s.id())
            .setTicketId(s.ticketId())
            .setJobId(s.jobId())
            .setTicketVersion(s.ticketVersion())
            .setSentiment(
                Sentiment.newBuilder()
                    .setLabelValue(s.sentiment().number())
                    .setScore(s.sentimentScore()))
            .setCategory(s.category())
            .setSuggestedPriorityValue(
                s.suggestedPriority() == null ? 0 : s.suggestedPriority().number())
            .setSummary(s.summary())
            .setDraftedReply(s.draftedReply())
            .setConfidence(s.confidence())
            .setDrafter(s.drafter());
    for (AiSuggestion.Source x : s.sources()) {
      b.addSources(
          SuggestionSource.newBuilder()
              .setKindValue(x.kind().ordinal() + 1)
              .setId(x.id())
              .setTitle(x.title())
              .setScore(x.score()));
    }
    for (AiSuggestion.SimilarTicket x : s.similarTickets()) {
      b.addSimilarTickets(
          SimilarTicket.newBuilder()
              .setTicketId(x.ticketId())
              .setSubject(x.subject())
              .setResolution(x.resolution())
              .setScore(x.score()));
    }
    for (AiSuggestion.DuplicateTicket x : s.likelyDuplicates()) {
      b.addLikelyDuplicates(
          DuplicateTicket.newBuilder()
              .setTicketId(x.ticketId())
              .setNumber(x.number())
              .setSubject(x.subject())
              .setStatusValue(x.status() == null ? 0 : x.status().number())
              .setScore(x.score()));
    }
    b.setSuggestedTeamId(s.suggestedTeamId());
    if (s.generationTime() != null) {
      b.setGenerationTime(
          com.google.protobuf.Duration.newBuilder()
              .setSeconds(s.generationTime().getSeconds())
              .setNanos(s.generationTime().getNano()));
    }
    if (s.createdAt() != null) {
      b.setCreatedAt(ProtoTime.timestamp(s.createdAt()));
    }
    if (s.feedback() != null) {
      AiSuggestion.Feedback f = s.feedback();
      b.setFeedback(
          SuggestionFeedback.newBuilder()
              .setOutcomeValue(f.outcome().number())
              .setFinalText(f.finalText())
              .setActor(TicketWire.actor(f.actor()))
              .setRecordedAt(ProtoTime.timestamp(f.recordedAt())));
    }
    return b.build();
  }

  /** A suggestion from the contract's form. */
  public static AiSuggestion suggestion(Suggestion s) {
    return new AiSuggestion(
        s.getId(),
        s.getTicketId(),
        s.getJobId(),
        s.getTicketVersion(),
        io.meshdesk.ticket.domain.Sentiment.ofNumber(s.getSentiment().getLabelValue()),
        s.getSentiment().getScore(),
        s.getCategory(),
        s.getSuggestedPriority() == TicketPriority.TICKET_PRIORITY_UNSPECIFIED
            ? null
            : Priority.ofNumber(s.getSuggestedPriorityValue()),
        s.getSummary(),
        s.getDraftedReply(),
        s.getConfidence(),
        s.getSourcesList().stream()
            .map(
                x ->
                    new AiSuggestion.Source(
                        x.getKind() == SuggestionSourceKind.SUGGESTION_SOURCE_KIND_TICKET
                            ? AiSuggestion.SourceKind.TICKET
                            : AiSuggestion.SourceKind.ARTICLE,
                        x.getId(),
                        x.getTitle(),
                        x.getScore()))
            .toList(),
        s.getDrafter(),
        s.hasGenerationTime()
            ? Duration.ofSeconds(
                s.getGenerationTime().getSeconds(), s.getGenerationTime().getNanos())
            : null,
        s.hasCreatedAt() ? ProtoTime.instant(s.getCreatedAt()) : null,
        s.hasFeedback() ? feedback(s.getFeedback()) : null,
        s.getSimilarTicketsList().stream()
            .map(
                x ->
                    new AiSuggestion.SimilarTicket(
                        x.getTicketId(), x.getSubject(), x.getResolution(), x.getScore()))
            .toList(),
        s.getLikelyDuplicatesList().stream()
            .map(
                x ->
                    new AiSuggestion.DuplicateTicket(
                        x.getTicketId(),
                        x.getNumber(),
                        x.getSubject(),
                        x.getStatus() == TicketStatus.TICKET_STATUS_UNSPECIFIED
                            ? null
                            : Status.ofNumber(x.getStatusValue()),
                        x.getScore()))
            .toList(),
        s.getSuggestedTeamId());
  }

  private static AiSuggestion.Feedback feedback(SuggestionFeedback f) {
    return new AiSuggestion.Feedback(
        io.meshdesk.ticket.domain.SuggestionOutcome.ofNumber(f.getOutcomeValue()),
        f.getFinalText(),
        new Actor(
            io.meshdesk.ticket.domain.ActorKind.ofNumber(f.getActor().getKindValue()),
            f.getActor().getId(),
            f.getActor().getDisplayName()),
        ProtoTime.instant(f.getRecordedAt()));
  }
}
