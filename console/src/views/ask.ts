import { ConnectError } from "@connectrpc/connect";
import { money } from "../chart.js";
import { h, replace } from "../dom.js";
import type { App } from "../app.js";

/**
 * The assistant chat of the cardholder page: each question goes to AssistantService.Ask, the
 * answer shows piece by piece as it streams, then the figures it cites. Turns continue one
 * conversation, so follow-up questions keep their context.
 */
export class AskChat {
  readonly el: HTMLElement;
  private readonly log = h("ol", { class: "chat-log", "aria-live": "polite", "data-testid": "ask-log" });
  private readonly question = h("input", { id: "ask-question", maxlength: 1000, autocomplete: "off", placeholder: "e.g. How much did I spend on dining last month?" });
  private readonly button = h("button", { type: "submit", class: "primary", "data-testid": "ask-send" }, "Ask");
  private conversationId = "";
  private abort: AbortController | undefined;

  /** `cardId()` names the card the page shows (empty: all the caller's cards). */
  constructor(private readonly app: App, private readonly cardId: () => string) {
    const form = h("form", { class: "ask-form", "aria-label": "Ask the assistant" },
      h("label", { for: "ask-question", class: "visually-hidden" }, "Ask about your spending"), this.question, this.button);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const q = this.question.value.trim();
      if (q) void this.ask(q);
    });
    this.el = h("section", { class: "panel ask", "aria-labelledby": "ask-title", "data-testid": "ask" },
      h("h3", { id: "ask-title" }, "Ask about your spending"),
      this.log, form);
  }

  /** Sends one question and renders its streamed answer. */
  async ask(question: string): Promise<void> {
    this.question.value = "";
    this.button.disabled = true;
    this.log.append(h("li", { class: "turn you" }, question));
    const text = h("p", { class: "answer-text" });
    const figures = h("ul", { class: "figures", "aria-label": "Figures cited" });
    const meta = h("p", { class: "muted small" });
    const answer = h("li", { class: "turn assistant", "data-testid": "ask-answer", "data-state": "streaming", "data-deltas": "0" }, text, figures, meta);
    this.log.append(answer);
    let deltas = 0;
    this.abort = new AbortController();
    try {
      for await (const res of this.app.api.assistant.ask(
        { question, conversationId: this.conversationId, cardId: this.cardId() },
        { signal: this.abort.signal },
      )) {
        const ev = res.event;
        if (ev.case === "started") {
          this.conversationId = ev.value.conversationId;
        } else if (ev.case === "textDelta") {
          text.textContent += ev.value;
          answer.dataset.deltas = String(++deltas);
        } else if (ev.case === "answered") {
          this.conversationId = ev.value.conversationId;
          text.textContent = ev.value.answer;
          replace(figures, ev.value.figures.map((f) => h("li", { "data-testid": "ask-figure" },
            h("span", {}, f.label), " ", h("strong", {}, f.amount ? money(f.amount.amountMinor, f.amount.currency) : ""))));
          meta.textContent = `Answered by ${!ev.value.drafter || ev.value.drafter === "offline" ? "the offline assistant" : ev.value.drafter}${ev.value.fallbackReason ? ` (offline answer: ${ev.value.fallbackReason})` : ""}; every amount is from your ledger.`;
          answer.dataset.state = "answered";
        }
      }
    } catch (err) {
      if (!this.abort.signal.aborted) {
        answer.dataset.state = "failed";
        text.textContent = `The assistant could not answer: ${err instanceof ConnectError ? err.rawMessage : String(err)}`;
        text.classList.add("error");
      }
    } finally {
      this.button.disabled = false;
    }
  }

  /** Stops a streaming answer (the page is left). */
  stop(): void {
    this.abort?.abort();
  }
}
