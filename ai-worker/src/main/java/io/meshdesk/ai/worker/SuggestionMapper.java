package io.meshdesk.ai.worker;

import com.google.protobuf.Duration;
import io.meshdesk.ai.drafting.Draft;
import io.meshdesk.ai.drafting.RetrievedDocument;
import io.meshdesk.api.ai.v1.AiJob;
import io.meshdesk.api.ticket.v1.AttachSuggestionRequest;
import io.meshdesk.api.ticket.v1.Sentiment;
import io.meshdesk.api.ticket.v1.SentimentLabel;
import io.meshdesk.api.ticket.v1.SuggestionSource;
import io.meshdesk.api.ticket.v1.SuggestionSourceKind;
import io.meshdesk.api.ticket.v1.TicketPriority;
import java.util.UUID;

/** Turns a {@link Draft} into an AttachSuggestionRequest that passes the contract's validation. */
final class SuggestionMapper {

  private SuggestionMapper() {}

  static AttachSuggestionRequest toRequest(
      AiJob job,
      long ticketVersion,
      Draft d,
      java.time.Duration took,
      RelatedTickets.Related related) {
    AttachSuggestionRequest.Builder b =
        AttachSuggestionRequest.newBuilder()
            .setTicketId(job.getTicketId())
            .setJobId(job.getJobId())
            .setTicketVersion(Math.max(1, ticketVersion))
            .setSentiment(
                Sentiment.newBuilder()
                    .setLabel(
                        switch (d.sentiment()) {
                          case NEGATIVE -> SentimentLabel.SENTIMENT_LABEL_NEGATIVE;
                          case NEUTRAL -> SentimentLabel.SENTIMENT_LABEL_NEUTRAL;
                          case POSITIVE -> SentimentLabel.SENTIMENT_LABEL_POSITIVE;
                        })
                    .setScore((float) clamp(d.sentimentScore(), -1, 1)))
            .setCategory(text(d.category(), "general", 100))
            .setSuggestedPriority(
                switch (d.suggestedPriority()) {
                  case LOW -> TicketPriority.TICKET_PRIORITY_LOW;
                  case NORMAL -> TicketPriority.TICKET_PRIORITY_NORMAL;
                  case HIGH -> TicketPriority.TICKET_PRIORITY_HIGH;
                  case URGENT -> TicketPriority.TICKET_PRIORITY_URGENT;
                })
            .setSummary(text(d.summary(), "(no summary)", 2000))
            .setDraftedReply(text(d.reply(), "(no draft)", 20000))
            .setConfidence((float) clamp(d.confidence(), 0, 1))
            .setDrafter(text(d.drafter(), "unknown", 100))
            .setGenerationTime(
                Duration.newBuilder()
                    .setSeconds(Math.min(3600, took.getSeconds()))
                    .setNanos(took.getSeconds() >= 3600 ? 0 : took.getNano()));
    if (isUuid(d.suggestedTeamId())) {
      b.setSuggestedTeamId(d.suggestedTeamId());
    }
    related.similar().stream().limit(10).forEach(b::addSimilarTickets);
    related.duplicates().stream().limit(10).forEach(b::addLikelyDuplicates);
    for (RetrievedDocument doc : d.sources()) {
      if (b.getSourcesCount() == 20 || !isUuid(doc.id())) {
        continue;
      }
      b.addSources(
          SuggestionSource.newBuilder()
              .setKind(
                  doc.kind() == RetrievedDocument.Kind.ARTICLE
                      ? SuggestionSourceKind.SUGGESTION_SOURCE_KIND_ARTICLE
                      : SuggestionSourceKind.SUGGESTION_SOURCE_KIND_TICKET)
              .setId(doc.id())
              .setTitle(text(doc.title(), "", 300))
              .setScore(Double.isFinite(doc.score()) ? (float) Math.max(0, doc.score()) : 0f));
    }
    return b.build();
  }

  private static double clamp(double v, double lo, double hi) {
    return Double.isNaN(v) ? 0 : Math.max(lo, Math.min(hi, v));
  }

  private static String text(String s, String fallback, int max) {
    String t = s == null || s.isBlank() ? fallback : s.strip();
    return t.length() <= max ? t : t.substring(0, max);
  }

  private static boolean isUuid(String s) {
    try {
      UUID.fromString(s);
      return s.length() == 36;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }
}
