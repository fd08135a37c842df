import { Code, ConnectError } from "@connectrpc/connect";
import { h, replace } from "../dom.js";
import { userName, type App } from "../app.js";
import { AiPanel } from "./ai.js";
import { LiveStream } from "../stream.js";
import { TicketWatch, TypingAnnouncer } from "./presence.js";
import {
  initials, nextSla, PRIORITY_LABELS, relative, slaState, STATUS_LABELS, toDate,
} from "../format.js";
import {
  AiStatus,
  CommentVisibility,
  SuggestionOutcome,
  TicketChangeKind,
  type Comment,
  type PresenceSnapshot,
  type Ticket,
  type TicketEvent,
  type TicketHistoryEntry,
} from "../gen/meshdesk/ticket/v1/ticket_pb.js";

function select(id: string, labels: Record<number, string>, value: number): HTMLSelectElement {
  return h("select", { id }, ...Object.entries(labels).map(([v, l]) => h("option", { value: v, selected: Number(v) === value }, l)));
}

function commentEl(app: App, c: Comment): HTMLElement {
  const internal = c.visibility === CommentVisibility.INTERNAL;
  return h(
    "article",
    { class: internal ? "comment internal" : "comment public", "data-comment-id": c.id, "aria-label": internal ? "Internal note" : "Public reply" },
    h("header", {}, h("strong", {}, c.author?.displayName || userName(app, c.author?.id ?? "")), " ",
      h("span", { class: "tag" }, internal ? "Internal note" : "Public reply"), " ",
      h("time", {}, toDate(c.createdAt)?.toLocaleString() ?? "")),
    h("p", {}, c.body),
  );
}

function historyEl(e: TicketHistoryEntry): HTMLElement {
  const what = e.field ? `${e.field}: ${e.oldValue || "—"} → ${e.newValue || "—"}` : TicketChangeKind[e.kind].toLowerCase().replace(/_/g, " ");
  return h("li", {}, h("time", {}, toDate(e.occurredAt)?.toLocaleTimeString() ?? ""), " ", e.actor?.displayName ?? "", " · ", what, h("span", { class: "muted" }, ` v${e.ticketVersion}`));
}

/** The ticket view: conversation, fields, SLA, history, AI panel, collision notice. */
export function ticketView(app: App, id: string): { el: HTMLElement; dispose: () => void; keys: (k: string) => boolean } {
  const me = app.session.state?.userId ?? "";
  let ticket: Ticket | undefined;
  let shownVersion = 0n;
  let editingSuggestion = "";
  let editingDraft = "";
  const seenComments = new Set<string>();

  const notice = h("div", { class: "notice", role: "alert", "data-testid": "collision-notice", hidden: true });
  const header = h("header", { class: "ticket-head" });
  const sla = h("div", { class: "sla-box", "data-testid": "sla" });
  const conversation = h("div", { class: "conversation", "aria-label": "Conversation" });
  const history = h("ol", { class: "history", "aria-label": "History" });
  const viewers = h("div", { class: "viewers", "aria-label": "Viewing this ticket", "data-testid": "viewers" });
  const typingLine = h("p", { class: "typing muted", role: "status", "aria-live": "polite", "data-testid": "typing" });
  const typers = new Map<string, string>();
  const fields = h("form", { class: "fields", "aria-label": "Ticket fields" });
  const reply = h("textarea", { id: "reply", rows: 5, "aria-label": "Reply", placeholder: "Write a reply… (Ctrl+Enter sends)" });
  const visibility = h("select", { id: "visibility", "aria-label": "Visibility" },
    h("option", { value: String(CommentVisibility.PUBLIC) }, "Public reply"),
    h("option", { value: String(CommentVisibility.INTERNAL) }, "Internal note"));
  const sendButton = h("button", { class: "primary", type: "button", "data-testid": "send" }, "Send");
  const error = h("p", { class: "error", role: "alert" });

  const ai = new AiPanel(app, {
    send: (text, suggestionId) => send(text, CommentVisibility.PUBLIC, suggestionId, SuggestionOutcome.ACCEPTED),
    edit: (text, suggestionId) => {
      editingSuggestion = suggestionId;
      editingDraft = text;
      reply.value = text;
      visibility.value = String(CommentVisibility.PUBLIC);
      reply.focus();
    },
  });

  function addComment(c: Comment): void {
    if (seenComments.has(c.id)) return;
    seenComments.add(c.id);
    conversation.append(commentEl(app, c));
  }

  function renderTicket(t: Ticket): void {
    ticket = t;
    shownVersion = t.version;
    notice.hidden = true;
    replace(header, h("h2", {}, `#${t.number} ${t.subject}`), h("p", { class: "muted" }, [`Version ${t.version}`, ...t.tags.map((x) => `#${x}`)].join(" · ")), h("p", { class: "body" }, t.body),
      t.transactionId ? h("p", { class: "linked-txn", "data-testid": "linked-transaction", "data-transaction-id": t.transactionId },
        "About card transaction ", h("code", {}, t.transactionId), h("span", { class: "muted" }, " · amount and merchant as in the message")) : null);
    const now = new Date();
    const first = toDate(t.firstResponseDueAt);
    const resolution = toDate(t.resolutionDueAt);
    const firstState = t.firstRespondedAt ? "ok" : slaState(first, t.firstResponseBreached, now);
    const resState = slaState(resolution, t.resolutionBreached, now);
    replace(sla,
      h("div", { class: `sla ${firstState}` }, "First response: ", t.firstRespondedAt ? "answered" : first ? relative(first, now) : "—", firstState === "breached" ? " ⚠ breached" : ""),
      h("div", { class: `sla ${resState}` }, "Resolution: ", resolution ? relative(resolution, now) : "—", resState === "breached" ? " ⚠ breached" : ""),
      nextSla(t, now).state === "soon" ? h("div", { class: "sla soon" }, "⚠ SLA due within the hour") : null);
    const status = select("status", STATUS_LABELS, t.status);
    const priority = select("priority", PRIORITY_LABELS, t.priority);
    const assignee = h("select", { id: "assignee" },
      h("option", { value: "" }, "Unassigned"),
      ...[...new Set([me, t.assigneeId, ...app.agents.keys()])].filter(Boolean).map((u) => h("option", { value: u, selected: u === t.assigneeId }, userName(app, u))));
    const tags = h("input", { id: "tags", value: t.tags.join(", "), "aria-describedby": "tags-help" });
    replace(fields,
      h("label", { for: "status" }, "Status"), status,
      h("label", { for: "priority" }, "Priority"), priority,
      h("label", { for: "assignee" }, "Assignee"), assignee,
      h("label", { for: "tags" }, "Tags"), tags, h("small", { id: "tags-help", class: "muted" }, "comma separated"),
      h("button", { type: "submit", "data-testid": "save" }, "Save (s)"));
    fields.onsubmit = (e) => {
      e.preventDefault();
      void save(Number(status.value), Number(priority.value), assignee.value, tags.value);
    };
    ai.showTicket(t);
    followDrafts(t);
  }

  function showCollision(event: TicketEvent): void {
    collision(event.ticketVersion, event.actor?.displayName ?? "");
  }

  function collision(version: bigint, who: string): void {
    notice.hidden = false;
    replace(notice, `Ticket #${ticket?.number ?? ""} changed to version ${version} by ${who || "someone"}. `,
      h("button", { type: "button", onclick: () => void reload() }, "Show latest"));
  }

  function renderViewers(snapshot: PresenceSnapshot): void {
    const list = snapshot.viewers.length ? snapshot.viewers
      : [{ userId: me, displayName: app.session.state?.displayName ?? "?", typing: false }];
    replace(viewers, h("span", { class: "visually-hidden" }, "Viewing now:"), ...list.map((v) => h("span", {
      class: v.typing ? "avatar typing" : "avatar",
      title: v.userId === me ? `${v.displayName} (you)` : v.displayName,
      "aria-label": v.userId === me ? `${v.displayName} (you)` : v.displayName,
      "data-user-id": v.userId,
    }, initials(v.displayName || "?"))));
    for (const id of [...typers.keys()]) if (!list.some((v) => v.userId === id)) typers.delete(id);
    renderTyping();
  }

  function renderTyping(): void {
    typingLine.textContent = [...typers.values()].join(" · ");
  }

  async function save(status: number, priority: number, assigneeId: string, tagText: string): Promise<void> {
    if (!ticket) return;
    error.textContent = "";
    const tags = tagText.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    try {
      let t = ticket;
      const changedTags = tags.join(",") !== t.tags.join(",");
      if (status !== t.status || priority !== t.priority || changedTags) {
        const res = await app.api.tickets.updateTicket({
          ticketId: t.id, expectedVersion: shownVersion,
          status: status !== t.status ? status : undefined,
          priority: priority !== t.priority ? priority : undefined,
          tags: changedTags ? { values: tags } : undefined,
        });
        if (res.ticket) t = res.ticket;
        shownVersion = t.version;
      }
      if (assigneeId !== t.assigneeId) {
        const res = await app.api.tickets.assignTicket({ ticketId: t.id, expectedVersion: shownVersion, assigneeId });
        if (res.ticket) t = res.ticket;
      }
      app.store.load([t]);
      renderTicket(t);
      void loadHistory();
    } catch (e) {
      if (e instanceof ConnectError && e.code === Code.Aborted) {
        notice.hidden = false;
        replace(notice, "This ticket changed since you opened it; your edit was not saved. ", h("button", { type: "button", onclick: () => void reload() }, "Show latest"));
      } else {
        error.textContent = e instanceof ConnectError ? e.rawMessage : String(e);
      }
    }
  }

  async function send(text: string, vis: CommentVisibility, suggestionId: string, outcome: SuggestionOutcome): Promise<void> {
    if (!ticket || !text.trim()) return;
    error.textContent = "";
    try {
      const res = await app.api.tickets.addComment({ ticketId: ticket.id, body: text, visibility: vis, suggestionId, requestId: crypto.randomUUID() });
      if (res.comment) addComment(res.comment);
      if (res.ticket) {
        app.store.load([res.ticket]);
        renderTicket(res.ticket);
      }
      if (suggestionId) {
        const fb = await app.api.tickets.recordSuggestionFeedback({ suggestionId, outcome, finalText: text });
        app.feedback.emit();
        if (fb.suggestion) ai.show(fb.suggestion);
      }
      reply.value = "";
      announcer.stop();
      editingSuggestion = "";
    } catch (e) {
      error.textContent = e instanceof ConnectError ? e.rawMessage : String(e);
    }
  }

  function sendComposer(): void {
    const text = reply.value;
    const outcome = editingSuggestion && text === editingDraft ? SuggestionOutcome.ACCEPTED : SuggestionOutcome.EDITED;
    void send(text, Number(visibility.value), editingSuggestion && Number(visibility.value) === CommentVisibility.PUBLIC ? editingSuggestion : "", outcome);
  }
  sendButton.onclick = sendComposer;
  const announcer = new TypingAnnouncer(
    (typing, vis) => app.api.tickets.setTyping({ ticketId: id, typing, visibility: vis }),
    () => Number(visibility.value) as CommentVisibility);
  reply.addEventListener("input", () => (reply.value ? announcer.keystroke() : announcer.stop()));
  reply.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      sendComposer();
    }
  });

  async function loadHistory(): Promise<void> {
    const res = await app.api.tickets.getTicketHistory({ ticketId: id, page: { pageSize: 200 } }).catch(() => undefined);
    if (res) replace(history, res.entries.map(historyEl));
  }

  async function reload(): Promise<void> {
    try {
      const res = await app.api.tickets.getTicket({ ticketId: id });
      if (res.ticket) renderTicket(res.ticket);
      if (res.latestSuggestion) ai.show(res.latestSuggestion);
      const comments = await app.api.tickets.listComments({ ticketId: id, page: { pageSize: 500 } });
      comments.comments.forEach(addComment);
      await loadHistory();
    } catch (e) {
      error.textContent = e instanceof ConnectError ? e.rawMessage : String(e);
    }
  }

  // Ticket changes, comments and suggestions come from the desk-wide stream.
  const unsubscribe = app.store.subscribe((_changed, event) => {
    if (!event || event.ticketId !== id) return;
    const p = event.payload;
    if (p.case === "commentAdded" && p.value.comment) {
      addComment(p.value.comment);
      // A comment does not conflict with field edits: keep saving against its version.
      if (event.ticketVersion > shownVersion && notice.hidden) shownVersion = event.ticketVersion;
    } else if (p.case === "suggestionReady" && p.value.suggestion) {
      ai.show(p.value.suggestion);
      followDrafts(undefined);
    } else if (p.case === "aiUnavailable") {
      ai.unavailable(p.value.detail);
      followDrafts(undefined);
    } else if ((p.case === "ticketUpdated" || p.case === "ticketAssigned") && event.ticketVersion > shownVersion) {
      if (event.actor?.id === me) {
        if (p.value.ticket) renderTicket(p.value.ticket);
      } else {
        showCollision(event);
      }
      void loadHistory();
    }
  });
  // Draft chunks are only streamed for tickets someone has open, and only while a draft is being
  // written: browsers allow six HTTP/1.1 connections per host across all tabs, and every stream
  // holds one (behind Envoy with TLS it is HTTP/2 and this does not matter).
  let drafts: LiveStream | undefined;
  function followDrafts(t: Ticket | undefined): void {
    const drafting = t !== undefined && (t.aiStatus === AiStatus.PENDING || t.aiStatus === AiStatus.DRAFTING);
    if (drafting && !drafts) {
      drafts = new LiveStream(app.api, {
        filter: { ticketIds: [id], includeSuggestionDrafts: true },
        resumeAfter: () => undefined,
        onEvent: (event) => {
          if (event.payload.case === "suggestionDraftChunk") {
            const c = event.payload.value;
            ai.chunk(c.jobId, c.chunkIndex, c.text);
          }
        },
      }).start();
    } else if (!drafting && drafts) {
      drafts.stop();
      drafts = undefined;
    }
  }

  // Presence, typing and collision notices for this ticket; opened once its version is on screen.
  const watch = new TicketWatch(app.api, id, () => shownVersion, {
    presence: renderViewers,
    typing: (t) => {
      if (t.typing) typers.set(t.userId, `${t.displayName || userName(app, t.userId)} is typing ${t.visibility === CommentVisibility.INTERNAL ? "an internal note" : "a reply"}…`);
      else typers.delete(t.userId);
      viewers.querySelector(`[data-user-id="${t.userId}"]`)?.classList.toggle("typing", t.typing);
      renderTyping();
    },
    collision: (n) => {
      if (n.version > shownVersion) collision(n.version, n.changedBy?.displayName ?? "");
    },
  });
  renderViewers({ viewers: [] } as unknown as PresenceSnapshot);
  void reload().then(() => watch.start());

  const el = h("section", { class: "ticket-view" },
    h("div", { class: "ticket-main" }, notice, header, h("div", { class: "presence" }, viewers, typingLine), sla, conversation,
      h("div", { class: "composer" }, h("label", { for: "reply", class: "visually-hidden" }, "Reply"), reply, h("div", { class: "row" }, visibility, sendButton)), error),
    h("div", { class: "ticket-side" }, fields, ai.el, h("h3", {}, "History"), history));

  const keys = (k: string): boolean => {
    if (k === "r") reply.focus();
    else if (k === "a") void ai.accept();
    else if (k === "e") ai.editDraft();
    else if (k === "d") void ai.discard();
    else if (k === "s") fields.requestSubmit();
    else return false;
    return true;
  };
  return { el, keys, dispose: () => { unsubscribe(); drafts?.stop(); watch.stop(); announcer.stop(); } };
}
