import { h, replace } from "../dom.js";
import type { App } from "../app.js";
import { label, PRIORITY_LABELS, SENTIMENT_LABELS } from "../format.js";
import { ConnectError } from "@connectrpc/connect";
import {
  AiStatus,
  SuggestionOutcome,
  SuggestionSourceKind,
  type DuplicateTicket,
  type Suggestion,
  type Ticket,
} from "../gen/meshdesk/ticket/v1/ticket_pb.js";

/** What the AI panel asks of the ticket view. */
export interface AiActions {
  /** Sends `text` as a public reply from suggestion `suggestionId`. */
  send: (text: string, suggestionId: string) => Promise<void>;
  /** Puts `text` in the composer for editing, remembering the suggestion. */
  edit: (text: string, suggestionId: string) => void;
}

/**
 * The AI panel: triage (sentiment, category, suggested priority, summary), the drafted reply as
 * it streams in, its sources, and accept / edit / discard, each recorded as feedback; similar
 * solved tickets with how they were resolved, and the requester's likely duplicates, each with a
 * Merge button that merges this ticket into it.
 */
export class AiPanel {
  readonly el: HTMLElement;
  private readonly body = h("div", { class: "ai-body" });
  private readonly draft = h("pre", { class: "draft", "data-testid": "ai-draft", "aria-live": "polite" });
  private readonly status = h("p", { class: "ai-status", "data-testid": "ai-status" });
  private suggestion: Suggestion | undefined;
  private draftJob = "";
  private chunks: string[] = [];

  constructor(private readonly app: App, private readonly actions: AiActions) {
    this.el = h("aside", { class: "ai-panel", "aria-label": "AI assistant" }, h("h3", {}, "AI assistant"), this.status, this.body, this.draft);
  }

  /** Shows the ticket's AI state before any suggestion. */
  showTicket(t: Ticket): void {
    if (this.suggestion) return;
    const text: Record<number, string> = {
      [AiStatus.PENDING]: "Triage queued…",
      [AiStatus.DRAFTING]: "Drafting a reply…",
      [AiStatus.UNAVAILABLE]: "No suggestion available.",
    };
    this.status.textContent = text[t.aiStatus] ?? "";
  }

  /** Appends a streamed chunk; chunks of a new job restart the draft. */
  chunk(jobId: string, index: number, text: string): void {
    if (this.suggestion?.jobId === jobId) return;
    if (jobId !== this.draftJob) {
      this.draftJob = jobId;
      this.chunks = [];
    }
    this.chunks[index] = text;
    this.status.textContent = "Drafting a reply…";
    this.draft.textContent = this.chunks.join("");
  }

  unavailable(detail: string): void {
    this.status.textContent = `No suggestion: ${detail || "AI unavailable"}`;
  }

  /** Shows a complete suggestion with its actions (or the feedback already given). */
  show(s: Suggestion): void {
    this.suggestion = s;
    this.status.textContent = s.feedback ? `Feedback recorded: ${SuggestionOutcome[s.feedback.outcome].toLowerCase()}` : "Suggestion ready";
    this.draft.textContent = s.draftedReply;
    const sources = s.sources.map((src) =>
      h("li", {}, src.kind === SuggestionSourceKind.ARTICLE ? "Article: " : "Ticket: ", src.title, h("span", { class: "muted" }, ` (${src.score.toFixed(2)})`)),
    );
    const buttons = s.feedback
      ? []
      : [
          h("button", { class: "primary", "data-testid": "ai-accept", title: "Accept and send (a)", onclick: () => void this.accept() }, "Accept & send"),
          h("button", { "data-testid": "ai-edit", title: "Edit then send (e)", onclick: () => this.actions.edit(s.draftedReply, s.id) }, "Edit"),
          h("button", { "data-testid": "ai-discard", title: "Discard (d)", onclick: () => void this.discard() }, "Discard"),
        ];
    replace(
      this.body,
      h(
        "dl",
        { class: "triage" },
        h("dt", {}, "Sentiment"), h("dd", { "data-testid": "ai-sentiment" }, label(SENTIMENT_LABELS, s.sentiment?.label ?? 0)),
        h("dt", {}, "Category"), h("dd", { "data-testid": "ai-category" }, s.category || "—"),
        h("dt", {}, "Suggested priority"), h("dd", {}, label(PRIORITY_LABELS, s.suggestedPriority)),
        h("dt", {}, "Confidence"), h("dd", {}, `${Math.round(s.confidence * 100)} %`),
      ),
      h("p", { class: "summary" }, s.summary),
      sources.length ? h("details", {}, h("summary", {}, `Sources (${sources.length})`), h("ul", {}, sources)) : null,
      h("div", { class: "actions" }, buttons),
      this.duplicates(s),
      this.similar(s),
    );
  }

  /** The requester's open tickets that look like the same problem, each with Merge. */
  private duplicates(s: Suggestion): HTMLElement | null {
    if (!s.likelyDuplicates.length) return null;
    return h(
      "section",
      { class: "related", "data-testid": "ai-duplicates" },
      h("h4", {}, "Likely duplicates"),
      h("ul", {}, s.likelyDuplicates.map((d) => this.duplicate(s.ticketId, d))),
    );
  }

  private duplicate(ticketId: string, d: DuplicateTicket): HTMLElement {
    const outcome = h("span", { class: "muted", "data-testid": "merge-outcome", role: "status" });
    const button = h("button", { "data-testid": "ai-merge", title: `Close this ticket and continue in #${d.number}` }, `Merge into #${d.number}`) as HTMLButtonElement;
    button.onclick = () => void this.merge(ticketId, d, button, outcome);
    return h(
      "li",
      { "data-testid": "ai-duplicate", "data-ticket-id": d.ticketId },
      h("a", { href: `#/ticket/${d.ticketId}` }, `#${d.number} ${d.subject}`),
      h("span", { class: "muted" }, ` (${Math.round(d.score * 100)} % alike) `),
      button,
      outcome,
    );
  }

  private async merge(ticketId: string, d: DuplicateTicket, button: HTMLButtonElement, outcome: HTMLElement): Promise<void> {
    button.disabled = true;
    try {
      await this.app.api.tickets.mergeTickets({ duplicateTicketId: ticketId, targetTicketId: d.ticketId, requestId: crypto.randomUUID() });
      outcome.textContent = `Merged into #${d.number}; the requester was told there.`;
    } catch (e) {
      button.disabled = false;
      outcome.textContent = e instanceof ConnectError ? e.rawMessage : String(e);
    }
  }

  /** Solved tickets like this one, with the start of their resolution. */
  private similar(s: Suggestion): HTMLElement | null {
    if (!s.similarTickets.length) return null;
    return h(
      "section",
      { class: "related", "data-testid": "ai-similar" },
      h("h4", {}, "Similar solved tickets"),
      h(
        "ul",
        {},
        s.similarTickets.map((t) =>
          h("li", { "data-testid": "ai-similar-ticket" }, h("a", { href: `#/ticket/${t.ticketId}` }, t.subject), h("p", { class: "resolution" }, t.resolution)),
        ),
      ),
    );
  }

  /** Keyboard entry points. */
  async accept(): Promise<void> {
    const s = this.suggestion;
    if (!s || s.feedback) return;
    await this.actions.send(s.draftedReply, s.id);
  }

  editDraft(): void {
    if (this.suggestion && !this.suggestion.feedback) this.actions.edit(this.suggestion.draftedReply, this.suggestion.id);
  }

  async discard(): Promise<void> {
    const s = this.suggestion;
    if (!s || s.feedback) return;
    const res = await this.app.api.tickets.recordSuggestionFeedback({ suggestionId: s.id, outcome: SuggestionOutcome.DISCARDED, finalText: "" });
    this.app.feedback.emit();
    if (res.suggestion) this.show(res.suggestion);
  }
}
