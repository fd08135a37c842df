import { Code, ConnectError } from "@connectrpc/connect";
import type { Api } from "../api.js";
import { backoffMs } from "../stream.js";
import {
  CommentVisibility,
  type CollisionNotice,
  type PresenceSnapshot,
  type TypingIndicator,
} from "../gen/meshdesk/ticket/v1/ticket_pb.js";

export interface WatchHandlers {
  presence: (snapshot: PresenceSnapshot) => void;
  typing: (indicator: TypingIndicator) => void;
  collision: (notice: CollisionNotice) => void;
}

/**
 * A WatchTicket stream: while it is open this console counts as a viewer of the ticket. It
 * reconnects with backoff after a break, announcing the version currently on screen, so presence
 * survives a flaky network and a change made meanwhile still shows the notice.
 */
export class TicketWatch {
  private abort = new AbortController();
  private stopped = false;

  constructor(
    private readonly api: Api,
    private readonly ticketId: string,
    private readonly version: () => bigint,
    private readonly on: WatchHandlers,
  ) {}

  start(): this {
    void this.run();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.abort = new AbortController();
      try {
        const v = this.version();
        const stream = this.api.tickets.watchTicket({ ticketId: this.ticketId, version: v > 0n ? v : 1n }, { signal: this.abort.signal });
        for await (const res of stream) {
          attempt = 0;
          const m = res.message;
          if (m.case === "presence") this.on.presence(m.value);
          else if (m.case === "typing") this.on.typing(m.value);
          else if (m.case === "collision") this.on.collision(m.value);
        }
      } catch (e) {
        if (e instanceof ConnectError && [Code.Unauthenticated, Code.PermissionDenied, Code.NotFound].includes(e.code)) return;
      }
      if (this.stopped) return;
      await new Promise((r) => setTimeout(r, backoffMs(attempt++)));
    }
  }
}

/**
 * Tells other viewers that this agent is typing: one SetTyping(true) when typing starts and again
 * every `refreshMs` while it goes on (the server forgets it a few seconds after the last one), and
 * SetTyping(false) after `idleMs` without a keystroke or when the reply is sent.
 */
export class TypingAnnouncer {
  private typing = false;
  private lastSent = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (typing: boolean, visibility: CommentVisibility) => Promise<unknown>,
    private readonly visibility: () => CommentVisibility,
    private readonly idleMs = 3_000,
    private readonly refreshMs = 2_500,
    private readonly now: () => number = Date.now,
  ) {}

  /** A keystroke in the reply box. */
  keystroke(): void {
    const t = this.now();
    if (!this.typing || t - this.lastSent >= this.refreshMs) {
      this.typing = true;
      this.lastSent = t;
      void this.send(true, this.visibility()).catch(() => undefined);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), this.idleMs);
  }

  /** Typing ended (idle, sent, or the view closed). */
  stop(): void {
    clearTimeout(this.idle);
    if (!this.typing) return;
    this.typing = false;
    void this.send(false, this.visibility()).catch(() => undefined);
  }
}
