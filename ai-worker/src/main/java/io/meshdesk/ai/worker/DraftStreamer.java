package io.meshdesk.ai.worker;

import io.meshdesk.ai.resilience.ResettableReplySink;
import io.meshdesk.api.ticket.v1.AppendSuggestionDraftRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a reply being drafted to agents through AppendSuggestionDraft, one chunk per piece of
 * text, numbered from 0. Best effort: a failed chunk is logged and skipped, never fails the job
 * (the attached suggestion carries the final text).
 *
 * <p>Reset: the contract has no way to tell agents to clear streamed text (chunk indexes only grow
 * and duplicates are dropped), so after a {@link #reset()} this streamer sends nothing more for the
 * job; the SuggestionReady event that follows replaces the partial text. The reset happens only
 * when Gemini fails mid-stream, and the offline drafter that then answers takes milliseconds.
 */
final class DraftStreamer implements ResettableReplySink {

  private static final Logger log = LoggerFactory.getLogger(DraftStreamer.class);
  static final int MAX_CHUNK = 4000;

  private final TicketPort tickets;
  private final UUID tenant;
  private final String ticketId;
  private final String jobId;
  private int next;
  private boolean stopped;

  DraftStreamer(TicketPort tickets, UUID tenant, String ticketId, String jobId) {
    this.tickets = tickets;
    this.tenant = tenant;
    this.ticketId = ticketId;
    this.jobId = jobId;
  }

  @Override
  public synchronized void accept(String text) {
    if (stopped || text == null || text.isEmpty()) {
      return;
    }
    for (int i = 0; i < text.length(); i += MAX_CHUNK) {
      String piece = text.substring(i, Math.min(text.length(), i + MAX_CHUNK));
      int index = next++;
      try {
        tickets.appendDraft(
            tenant,
            AppendSuggestionDraftRequest.newBuilder()
                .setTicketId(ticketId)
                .setJobId(jobId)
                .setChunkIndex(index)
                .setText(piece)
                .build());
      } catch (RuntimeException e) {
        log.debug("draft chunk {} of job {} not delivered: {}", index, jobId, e.toString());
      }
    }
  }

  @Override
  public synchronized void reset() {
    stopped = true;
  }

  /** Chunks sent so far. */
  synchronized int chunksSent() {
    return next;
  }
}
