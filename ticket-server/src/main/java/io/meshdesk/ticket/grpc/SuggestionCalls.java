package io.meshdesk.ticket.grpc;

import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftResponse;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.AttachSuggestionResponse;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableRequest;
import io.meshdesk.api.ticket.v1.MarkAiUnavailableResponse;
import io.meshdesk.api.ticket.v1.RecordSuggestionFeedbackRequest;
import io.meshdesk.api.ticket.v1.RecordSuggestionFeedbackResponse;
import io.meshdesk.platform.auth.AuthContext;
import io.meshdesk.ticket.domain.AiUnavailableReason;
import io.meshdesk.ticket.domain.SuggestionOutcome;
import io.meshdesk.ticket.service.SuggestionCommands;
import io.meshdesk.ticket.wire.SuggestionWire;

/**
 * The calls of TicketService about AI suggestions: the worker attaching one, streaming a draft or
 * giving up, and an agent's feedback.
 */
final class SuggestionCalls {

  private final SuggestionCommands suggestions;

  SuggestionCalls(SuggestionCommands suggestions) {
    this.suggestions = suggestions;
  }

  AttachSuggestionResponse attachSuggestion(AttachSuggestionRequest r) {
    return SuggestionMapper.attached(
        suggestions.attach(AuthContext.principal(), SuggestionMapper.proposal(r)));
  }

  AppendSuggestionDraftResponse appendSuggestionDraft(AppendSuggestionDraftRequest r) {
    boolean delivered =
        suggestions.appendDraft(
            AuthContext.principal(), r.getTicketId(), r.getJobId(), r.getChunkIndex(), r.getText());
    return AppendSuggestionDraftResponse.newBuilder().setDelivered(delivered).build();
  }

  MarkAiUnavailableResponse markAiUnavailable(MarkAiUnavailableRequest r) {
    boolean replayed =
        suggestions.markUnavailable(
            AuthContext.principal(),
            r.getTicketId(),
            r.getJobId(),
            AiUnavailableReason.ofNumber(r.getReasonValue()),
            r.getDetail());
    return MarkAiUnavailableResponse.newBuilder().setReplayed(replayed).build();
  }

  RecordSuggestionFeedbackResponse recordSuggestionFeedback(RecordSuggestionFeedbackRequest r) {
    return RecordSuggestionFeedbackResponse.newBuilder()
        .setSuggestion(
            SuggestionWire.suggestion(
                suggestions.feedback(
                    AuthContext.principal(),
                    r.getSuggestionId(),
                    SuggestionOutcome.ofNumber(r.getOutcomeValue()),
                    r.getFinalText())))
        .build();
  }
}
