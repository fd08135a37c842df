import { h, replace } from "../dom.js";
import type { App } from "../app.js";
import { label, PRIORITY_LABELS, STATUS_LABELS } from "../format.js";
import { TicketPriority, TicketStatus } from "../gen/meshdesk/ticket/v1/ticket_pb.js";

function tile(name: string, value: string, testid: string, warn = false): HTMLElement {
  return h("div", { class: warn ? "tile warn" : "tile" }, h("div", { class: "tile-value", "data-testid": testid }, value), h("div", { class: "tile-name" }, name));
}

function bars(title: string, rows: [string, number][]): HTMLElement {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return h("figure", { class: "bars" }, h("figcaption", {}, title),
    h("table", { "aria-label": title }, h("tbody", {}, rows.map(([name, n]) =>
      h("tr", {}, h("th", { scope: "row" }, name), h("td", {}, h("div", { class: "bar", style: `width:${(100 * n) / max}%` })), h("td", { class: "num" }, String(n)))))));
}

/** Manager view: queue depth, tickets by status and priority, SLA breaches, AI acceptance; live. */
export function managerView(app: App): { el: HTMLElement; dispose: () => void } {
  const el = h("section", { class: "manager-view", "aria-label": "Manager overview" });
  const render = () => {
    const c = app.store.counts();
    const f = app.feedback;
    const rated = f.accepted + f.edited + f.discarded;
    const acceptance = rated ? `${Math.round((100 * (f.accepted + f.edited)) / rated)} %` : "—";
    replace(el,
      h("h2", {}, "Overview"),
      h("div", { class: "tiles" },
        tile("Queue depth (unsolved)", String(c.open), "mgr-depth"),
        tile("Unassigned", String(c.unassigned), "mgr-unassigned"),
        tile("SLA breaches", String(c.slaBreached), "mgr-breaches", c.slaBreached > 0),
        tile(`AI acceptance (${rated} rated here)`, acceptance, "mgr-acceptance")),
      h("div", { class: "charts" },
        bars("By status", [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.SOLVED, TicketStatus.CLOSED].map((s) => [label(STATUS_LABELS, s), c.byStatus.get(s) ?? 0])),
        bars("Unsolved by priority", [TicketPriority.URGENT, TicketPriority.HIGH, TicketPriority.NORMAL, TicketPriority.LOW].map((p) => [label(PRIORITY_LABELS, p), c.byPriority.get(p) ?? 0])),
        bars("Unsolved by team", [...c.byTeam].map(([id, n]) => [app.teams.get(id) ?? id.slice(0, 8), n]))));
  };
  render();
  let pending = false;
  const unsubscribe = app.store.subscribe(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; render(); });
  });
  return { el, dispose: unsubscribe };
}
