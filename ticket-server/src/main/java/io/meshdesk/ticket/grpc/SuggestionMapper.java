package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.Suggestion;
import io.meshdesk.ticket.domain.AiSuggestion;
import io.meshdesk.ticket.service.SuggestionAttached;
import io.meshdesk.ticket.wire.SuggestionWire;

/** The AI worker's suggestion requests as domain proposals, and suggestions as responses. */
final class SuggestionMapper {

  private SuggestionMapper() {}

  /** The suggestion a request proposes: every field it carries, no id or storage time yet. */
  static AiSuggestion proposal(AttachSuggestionRequest r) {
    return SuggestionWire.suggestion(
        Suggestion.newBuilder()
            .setTicketId(r.getTicketId())
            .setJobId(r.getJobId())
            .setTicketVersion(r.getTicketVersion())
            .setSentiment(r.getSentiment())
            .setCategory(r.getCategory())
            .setSuggestedPriority(r.getSuggestedPriority())
            .setSummary(r.getSummary())
            .setDraftedReply(r.getDraftedReply())
            .setConfidence(r.getConfidence())
            .addAllSources(r.getSourcesList())
            .addAllSimilarTickets(r.getSimilarTicketsList())
            .addAllLikelyDuplicates(r.getLikelyDuplicatesList())
            .setSuggestedTeamId(r.getSuggestedTeamId())
            .setDrafter(r.getDrafter())
            .setGenerationTime(r.getGenerationTime())
            .build());
  }

  /** An attached suggestion, as the response. */
  static AttachSuggestionResponse attached(SuggestionAttached a) {
    return AttachSuggestionResponse.newBuilder()
        .setSuggestion(SuggestionWire.suggestion(a.suggestion()))
        .setReplayed(a.replayed())
        .build();
  }
}
