import { h, replace } from "../dom.js";
import { userName, type App } from "../app.js";
import type { QueueName } from "../store.js";
import { label, nextSla, PRIORITY_LABELS, relative, STATUS_LABELS } from "../format.js";
import type { Ticket } from "../gen/meshdesk/ticket/v1/ticket_pb.js";

/** Title of a queue. */
export function queueTitle(app: App, q: QueueName): string {
  if (q === "unassigned") return "Unassigned";
  if (q === "mine") return "Mine";
  if (q === "open") return "All open by priority";
  return `Team ${app.teams.get(q.slice(5)) ?? q.slice(5, 13)}`;
}

function row(app: App, t: Ticket, now: Date): HTMLElement {
  const sla = nextSla(t, now);
  return h(
    "tr",
    { "data-ticket-id": t.id, tabindex: 0, class: `prio-${t.priority}`, onclick: () => app.navigate(`#/ticket/${t.id}`) },
    h("td", {}, `#${t.number}`),
    h("td", { class: "subject" }, h("a", { href: `#/ticket/${t.id}` }, t.subject)),
    h("td", {}, h("span", { class: `badge prio-${t.priority}` }, label(PRIORITY_LABELS, t.priority))),
    h("td", {}, label(STATUS_LABELS, t.status)),
    h("td", {}, userName(app, t.assigneeId)),
    h("td", { class: `sla ${sla.state}` }, sla.due ? `${sla.name} ${relative(sla.due, now)}` : "—"),
  );
}

/** One queue, kept live from the store; `j`/`k` move, Enter opens. */
export function queueView(app: App, q: QueueName): { el: HTMLElement; dispose: () => void } {
  const body = h("tbody", {});
  const count = h("span", { class: "count", "data-testid": "queue-count" });
  const table = h(
    "table",
    { class: "queue", "aria-label": queueTitle(app, q) },
    h("thead", {}, h("tr", {}, ...["#", "Subject", "Priority", "Status", "Assignee", "SLA"].map((c) => h("th", { scope: "col" }, c)))),
    body,
  );
  const render = () => {
    const now = new Date();
    const tickets = app.store.queue(q);
    count.textContent = String(tickets.length);
    replace(body, tickets.length ? tickets.map((t) => row(app, t, now)) : h("tr", {}, h("td", { colspan: 6, class: "empty" }, "Nothing here.")));
  };
  render();
  let pending = false;
  // Coalesce bursts of events into one render per frame.
  const unsubscribe = app.store.subscribe(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      render();
    });
  });
  const el = h("section", { class: "queue-view" }, h("h2", {}, queueTitle(app, q), " ", count), table);
  return { el, dispose: unsubscribe };
}
