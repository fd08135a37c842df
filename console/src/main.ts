import "./style.css";
import { createApi } from "./api.js";
import { apiBaseUrl } from "./config.js";
import { h, replace } from "./dom.js";
import { Session } from "./session.js";
import { TicketStore, type QueueName } from "./store.js";
import { LiveStream, type Connection } from "./stream.js";
import { Signal, type App } from "./app.js";
import { loginView } from "./views/login.js";
import { queueTitle, queueView } from "./views/queues.js";
import { ticketView } from "./views/ticket.js";
import { managerView } from "./views/manager.js";
import { cardholderView } from "./views/cardholder.js";
import { Role } from "./gen/meshdesk/identity/v1/identity_pb.js";
import { TicketOrder, TicketStatus, type Ticket } from "./gen/meshdesk/ticket/v1/ticket_pb.js";

const root = document.getElementById("app")!;
let session: Session;
const api = createApi(apiBaseUrl(), () => session.token());
session = new Session(() => api);

const app: App = {
  api,
  session,
  store: new TicketStore(() => session.state?.userId ?? ""),
  stream: undefined,
  connection: "offline",
  teams: new Map(),
  agents: new Map(),
  feedback: new Signal(),
  navigate: (hash) => { location.hash = hash; },
};
// For end-to-end tests and debugging from the devtools console.
(window as unknown as { meshdesk: App }).meshdesk = app;

const indicator = h("span", { class: "conn offline", role: "status", "data-testid": "connection", "aria-live": "polite" }, "offline");
const nav = h("nav", { "aria-label": "Queues" });
const content = h("main", { id: "content", tabindex: -1 });
let current: { dispose: () => void; keys?: (k: string) => boolean } | undefined;
let lastQueue: QueueName = "unassigned";
let unsubscribeNav: (() => void) | undefined;

function setConnection(state: Connection): void {
  app.connection = state;
  indicator.className = `conn ${state}`;
  indicator.textContent = state;
}

/** Loads the unsolved tickets, teams and agents, then streams from the consistent sequence. */
async function loadDesk(): Promise<void> {
  const counts = await api.tickets.getQueueCounts({}).catch(() => undefined);
  const tickets: Ticket[] = [];
  let pageToken = "";
  do {
    const res = await api.tickets.listTickets({
      statuses: [TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING],
      order: TicketOrder.PRIORITY_DESC,
      page: { pageSize: 500, pageToken },
    });
    tickets.push(...res.tickets);
    pageToken = res.page?.nextPageToken ?? "";
  } while (pageToken);
  app.store.load(tickets);
  if (counts && counts.asOfSequence > app.store.lastSequence) app.store.lastSequence = counts.asOfSequence;
  const teams = await api.tickets.listTeams({ page: { pageSize: 500 } }).catch(() => undefined);
  teams?.teams.forEach((t) => app.teams.set(t.id, t.name));
  const agents = await api.identity.listUsers({ page: { pageSize: 500 } }).catch(() => undefined);
  agents?.users.forEach((u) => app.agents.set(u.id, u.displayName));
}

function startStream(): void {
  app.stream?.stop();
  const known = app.store.lastSequence > 0n;
  app.stream = new LiveStream(api, {
    filter: {},
    // Resume after the last event applied; before any, after the sequence the list matched.
    resumeAfter: () => (known || app.store.lastSequence > 0n ? app.store.lastSequence : undefined),
    onEvent: (e) => app.store.apply(e),
    onState: setConnection,
    refreshToken: async () => {
      await session.refresh();
      return session.state !== undefined;
    },
    onResync: async (seq) => {
      await loadDesk();
      app.store.lastSequence = seq;
    },
  }).start();
}

/** Customers (cardholders) get their cards page instead of the agents' desk. */
function isCardholder(): boolean {
  return session.state?.role === Role.CUSTOMER;
}

function renderNav(): void {
  if (isCardholder()) {
    replace(nav, h("a", { href: "#/cards", "aria-current": "page" }, "My cards"));
    return;
  }
  const c = app.store.counts();
  const link = (href: string, text: string, n: number | null, key: string) =>
    h("a", { href, "aria-current": location.hash === href ? "page" : null, title: `Shortcut: ${key}` }, text, n === null ? null : h("span", { class: "count", "data-testid": `count-${href.slice(2).replace(/[/:]/g, "-")}` }, String(n)));
  const teamLinks = [...app.teams].map(([id, name]) => link(`#/queue/team:${id}`, name, c.byTeam.get(id) ?? 0, ""));
  const manager = (session.state?.role ?? 0) <= Role.MANAGER;
  replace(nav,
    link("#/queue/unassigned", "Unassigned", c.unassigned, "1"),
    link("#/queue/mine", "Mine", c.mine, "2"),
    link("#/queue/open", "All open", c.open, "3"),
    teamLinks.length ? h("div", { class: "nav-group" }, "Teams") : null,
    teamLinks,
    manager ? link("#/manager", "Manager", null, "m") : null);
}

function route(): void {
  current?.dispose();
  current = undefined;
  if (!session.state) {
    replace(root, loginView(app));
    return;
  }
  const [, view, arg] = location.hash.split("/");
  if (isCardholder()) {
    current = cardholderView(app);
  } else if (view === "ticket" && arg) {
    current = ticketView(app, arg);
  } else if (view === "manager") {
    current = managerView(app);
  } else {
    const q = (view === "queue" && arg ? arg : lastQueue) as QueueName;
    lastQueue = q;
    current = queueView(app, q);
    document.title = `${queueTitle(app, q)} · Meshdesk`;
  }
  replace(content, (current as { el: HTMLElement } & typeof current).el);
  renderNav();
}

function shell(): HTMLElement {
  const help = h("dialog", { id: "help", "aria-label": "Keyboard shortcuts" },
    h("h2", {}, "Keyboard shortcuts"),
    h("ul", {}, ...[
      ["1 / 2 / 3", "Unassigned / Mine / All open"], ["m", "Manager view"], ["j / k", "Next / previous ticket"],
      ["Enter", "Open ticket"], ["Esc", "Back to the queue"], ["r", "Reply"], ["Ctrl+Enter", "Send"],
      ["a / e / d", "Accept / edit / discard AI draft"], ["s", "Save fields"], ["?", "This help"],
    ].map(([k, v]) => h("li", {}, h("kbd", {}, k), " ", v))),
    h("form", { method: "dialog" }, h("button", {}, "Close")));
  return h("div", { class: "shell" },
    h("header", { class: "top" },
      h("a", { href: "#/queue/unassigned", class: "brand" }, "Meshdesk"),
      indicator,
      h("span", { class: "who", "data-testid": "who" }, session.state?.displayName ?? ""),
      isCardholder() ? null : h("button", { type: "button", title: "Keyboard shortcuts (?)", onclick: () => help.showModal() }, "?"),
      h("button", { type: "button", "data-testid": "logout", onclick: () => void session.logout() }, "Sign out")),
    nav, content, help);
}

function onKey(e: KeyboardEvent): void {
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
  if (current?.keys?.(e.key)) { e.preventDefault(); return; }
  const rows = [...content.querySelectorAll<HTMLElement>("tr[data-ticket-id]")];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  const go: Record<string, () => void> = {
    "1": () => app.navigate("#/queue/unassigned"),
    "2": () => app.navigate("#/queue/mine"),
    "3": () => app.navigate("#/queue/open"),
    m: () => app.navigate("#/manager"),
    j: () => rows[Math.min(rows.length - 1, at + 1)]?.focus(),
    k: () => rows[Math.max(0, at - 1)]?.focus(),
    Enter: () => rows[at] && app.navigate(`#/ticket/${rows[at].dataset.ticketId}`),
    Escape: () => app.navigate(`#/queue/${lastQueue}`),
    "?": () => (document.getElementById("help") as HTMLDialogElement).showModal(),
  };
  const fn = go[e.key];
  if (fn) { e.preventDefault(); fn(); }
}

async function start(): Promise<void> {
  app.stream?.stop();
  app.store.tickets.clear();
  app.store.lastSequence = 0n;
  if (!session.state) {
    setConnection("offline");
    route();
    return;
  }
  session.resume();
  replace(root, shell());
  // The indicator is the desk stream's; cardholders have no desk, their page reads the ledger.
  indicator.hidden = isCardholder();
  if (isCardholder()) {
    route();
    return;
  }
  setConnection("connecting");
  try {
    await loadDesk();
  } catch {
    // The stream still starts: events fill the queues and the indicator shows the state.
  }
  startStream();
  unsubscribeNav?.();
  let pending = false;
  unsubscribeNav = app.store.subscribe(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; renderNav(); });
  });
  route();
}

window.addEventListener("hashchange", route);
window.addEventListener("keydown", onKey);
// The network watcher: a stream that lost its network may look open for minutes; drop it, let the
// backoff retry until the network is back, then resume after the last sequence.
window.addEventListener("offline", () => app.stream?.reconnect());
window.addEventListener("online", () => app.stream?.reconnect());
let signedIn = session.state?.userId;
session.onChange(() => {
  // Token refreshes keep the same user: nothing to redo.
  if (session.state?.userId === signedIn) return;
  signedIn = session.state?.userId;
  void start();
});
void start();
