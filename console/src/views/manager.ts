import { h, replace } from "../dom.js";
import type { App } from "../app.js";
import { acceptance, label, PRIORITY_LABELS, STATUS_LABELS } from "../format.js";
import { TicketPriority, TicketStatus, type SuggestionStats } from "../gen/meshdesk/ticket/v1/ticket_pb.js";

function tile(name: string, value: string, testid: string, warn = false): HTMLElement {
  return h("div", { class: warn ? "tile warn" : "tile" }, h("div", { class: "tile-value", "data-testid": testid }, value), h("div", { class: "tile-name" }, name));
}

function bars(title: string, rows: [string, number][]): HTMLElement {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return h("figure", { class: "bars" }, h("figcaption", {}, title),
    h("table", { "aria-label": title }, h("tbody", {}, rows.map(([name, n]) =>
      h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, h("div", { class: "bar", style: `width:${(100 * n) / max}%` })), h("td", { class: "num" }, String(n)))))));
}

/** Events after which the tenant's suggestion stats may have changed (feedback comes with a reply). */
const STATS_EVENTS = new Set(["suggestionReady", "commentAdded"]);

/** Manager view: queue depth, tickets by status and priority, SLA breaches, AI acceptance; live. */
export function managerView(app: App): { el: HTMLElement; dispose: () => void } {
  const el = h("section", { class: "manager-view", "aria-label": "Manager overview" });
  let stats: SuggestionStats | undefined;
  let disposed = false;
  // Server-side tenant-wide stats: one GetQueueCounts in flight, one more queued if asked meanwhile.
  let fetching = false;
  let again = false;
  const refreshStats = async (): Promise<void> => {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      do {
        again = false;
        const res = await app.api.tickets.getQueueCounts({}).catch(() => undefined);
        if (disposed) return;
        if (res?.suggestions) { stats = res.suggestions; schedule(); }
      } while (again);
    } finally {
      fetching = false;
    }
  };
  const render = () => {
    const c = app.store.counts();
    const { rated, rate } = acceptance(stats);
    replace(el,
      h("h2", {}, "Overview"),
      h("div", { class: "tiles" },
        tile("Queue depth (unsolved)", String(c.open), "mgr-depth"),
        tile("Unassigned", String(c.unassigned), "mgr-unassigned"),
        tile("SLA breaches", String(c.slaBreached), "mgr-breaches", c.slaBreached > 0),
        tile(`AI acceptance (${rated} rated)`, rate, "mgr-acceptance")),
      h("div", { class: "charts" },
        bars("By status", [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED, TicketStatus.CLOSED].map((s) => [label(STATUS_LABELS, s), c.byStatus.get(s) ?? 0])),
        bars("Unsolved by priority", [TicketPriority.URGENT, TicketPriority.HIGH, TicketPriority.NORMAL, TicketPriority.LOW].map((p) => [label(PRIORITY_LABELS, p), c.byPriority.get(p) ?? 0])),
        bars("Unsolved by team", [...c.byTeam].map(([id, n]) => [app.teams.get(id) ?? id.slice(0, 8), n]))));
  };
  render();
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  };
  const unsubscribe = app.store.subscribe((_changed, event) => {
    schedule();
    if (!event || STATS_EVENTS.has(event.payload.case ?? "")) void refreshStats();
  });
  const unsubscribeFeedback = app.feedback.subscribe(() => void refreshStats());
  void refreshStats();
  return { el, dispose: () => { disposed = true; unsubscribe(); unsubscribeFeedback(); } };
}
