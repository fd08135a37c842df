// End-to-end scenarios of the console in headless Chromium (playwright-core), against a running
// Meshdesk (ConsoleBrowserIT starts `meshctl dev` in-process and runs this with the env below).
// "Another client" (a customer, a manager) talks native gRPC to ticket-server meanwhile.
//
// Env: CONSOLE_URL (bridge, serves console + grpc-web), GRPC_URL (native ticket-server, http://h:p),
//      E2E_TENANT, E2E_PASSWORD, E2E_AGENT, E2E_MANAGER, E2E_CUSTOMER (emails), SCREENSHOT_DIR,
//      CHROMIUM (default /usr/bin/chromium), E2E_TICKETS (latency sample size, default 100).
//
// A scenario is PENDING only when the server answers UNIMPLEMENTED for an RPC it needs (the part
// is not built yet); any other problem is a FAILURE: an unmet precondition, a timeout, an error
// thrown in a page (uncaught exception) while the scenario ran. ConsoleBrowserIT fails on a
// PENDING too. Exit code: 0 when nothing failed.
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { IdentityService } from "../src/gen/meshdesk/identity/v1/identity_pb.js";
import {
  AiStatus, CommentVisibility, TicketPriority, TicketService, TicketStatus,
} from "../src/gen/meshdesk/ticket/v1/ticket_pb.js";

const env = (name, fallback) => process.env[name] ?? fallback;
const CONSOLE_URL = env("CONSOLE_URL", "http://127.0.0.1:8080/");
const GRPC_URL = env("GRPC_URL", "http://127.0.0.1:7001");
const TENANT = env("E2E_TENANT", "demo");
const PASSWORD = env("E2E_PASSWORD", "");
const AGENT = env("E2E_AGENT", "agent@demo.meshdesk.dev");
const MANAGER = env("E2E_MANAGER", "manager@demo.meshdesk.dev");
const CUSTOMER = env("E2E_CUSTOMER", "customer@demo.meshdesk.dev");
const SHOTS = env("SCREENSHOT_DIR", "e2e/out");
const N = Number(env("E2E_TICKETS", "100"));
const TIMEOUT = 15_000;

const results = [];
/** Uncaught errors of any page of the browser; each fails the scenario during which it happened. */
const pageErrors = [];

/** Runs one scenario and records PASS / FAIL / PENDING (PENDING: an RPC answered UNIMPLEMENTED). */
async function scenario(name, fn) {
  const t0 = Date.now();
  const errorsBefore = pageErrors.length;
  try {
    await fn();
    const thrown = pageErrors.slice(errorsBefore);
    if (thrown.length) throw new Error(`page error: ${thrown.join(" | ")}`);
    results.push([name, "PASS", `${Date.now() - t0} ms`]);
  } catch (e) {
    const pending = e instanceof ConnectError && e.code === Code.Unimplemented;
    results.push([name, pending ? "PENDING" : "FAIL", e instanceof Error ? e.message.split("\n")[0] : String(e)]);
    if (!pending) console.error(e);
  }
  const [, status, detail] = results.at(-1);
  console.log(`[e2e] ${status.padEnd(7)} ${name} (${detail})`);
}

/** A precondition of the scenario: when it does not hold, the scenario fails. */
function require(cond, why) {
  if (!cond) throw new Error(`precondition failed: ${why}`);
}

/** A native gRPC client signed in as `email` (or anonymous). */
async function grpcAs(email) {
  let token;
  const transport = createGrpcTransport({
    baseUrl: GRPC_URL,
    interceptors: [(next) => (req) => { if (token) req.header.set("authorization", `Bearer ${token}`); return next(req); }],
  });
  const identity = createClient(IdentityService, transport);
  const tickets = createClient(TicketService, transport);
  if (email) {
    const res = await identity.login({ email, password: PASSWORD, tenantSlug: TENANT });
    token = res.tokens.accessToken;
    return { identity, tickets, principal: res.principal };
  }
  return { identity, tickets };
}

/** Collects a Subscribe stream's events in the background. */
function collect(client, request) {
  const events = [];
  const abort = new AbortController();
  const done = (async () => {
    try {
      for await (const res of client.tickets.subscribe(request, { signal: abort.signal })) events.push(res.event);
    } catch (e) {
      if (!abort.signal.aborted) events.push({ error: e });
    }
  })();
  return { events, stop: async () => { abort.abort(); await done; } };
}

async function waitFor(cond, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const v = await cond();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function login(page, email) {
  await page.goto(CONSOLE_URL);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Workspace").fill(TENANT);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("who").waitFor({ timeout: TIMEOUT });
}

mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "meshdesk-chromium-"));
// A fresh profile per run; sessionStorage is per tab, so each page signs in as its own user.
const agentCtx = await chromium.launchPersistentContext(profile, {
  executablePath: env("CHROMIUM", "/usr/bin/chromium"),
  viewport: { width: 1366, height: 860 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const watchErrors = (p) => p.on("pageerror", (e) => {
  console.error("[browser]", e.message);
  pageErrors.push(e.message.split("\n")[0]);
});
const firstPage = agentCtx.pages()[0];
if (firstPage) watchErrors(firstPage);
agentCtx.on("page", watchErrors); // every page opened from now on
const page = firstPage ?? await agentCtx.newPage();

let customer, manager, ticket, customerStream, accepted = false;

await scenario("console is served and shows the sign-in form", async () => {
  await page.goto(CONSOLE_URL);
  await page.getByRole("form", { name: "Sign in" }).waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(SHOTS, "login.png") });
});

await scenario("log in as an agent", async () => {
  require(PASSWORD, "no demo password (E2E_PASSWORD is empty)");
  await login(page, AGENT);
  // The stream's CaughtUp marks it live at once, without waiting for a ticket event.
  await page.getByTestId("connection").filter({ hasText: "live" }).waitFor({ timeout: 30_000 });
});

const loggedIn = results.at(-1)[1] === "PASS";

await scenario("a ticket created through gRPC by another client appears in the queue without reload", async () => {
  require(loggedIn, "agent login not possible");
  customer = await grpcAs(CUSTOMER);
  customerStream = collect(customer, { filter: {} });
  const before = await page.evaluate(() => performance.timeOrigin);
  const created = await customer.tickets.createTicket({ subject: "Card declined at checkout", body: "My card was declined twice today, please help.", priority: TicketPriority.HIGH, requestId: `e2e-${Date.now()}` });
  ticket = created.ticket;
  await page.locator(`tr[data-ticket-id="${ticket.id}"]`).waitFor({ timeout: TIMEOUT });
  require(before > 0, "");
  await page.getByTestId("connection").filter({ hasText: "live" }).waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(SHOTS, "queue.png") });
});

await scenario(`latency: gRPC CreateTicket to its row in the browser queue over ${N} tickets`, async () => {
  require(customer && ticket, "ticket creation not live");
  // The page stamps each new row the moment it is inserted in the DOM.
  await page.evaluate(() => {
    window.__rowSeen = new Map();
    new MutationObserver((records) => {
      const now = performance.timeOrigin + performance.now();
      for (const r of records) for (const n of r.addedNodes) {
        const id = n.dataset?.ticketId;
        if (id && !window.__rowSeen.has(id)) window.__rowSeen.set(id, now);
      }
    }).observe(document.getElementById("content"), { childList: true, subtree: true });
  });
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.timeOrigin + performance.now();
    const res = await customer.tickets.createTicket({ subject: `Latency probe ${i}`, body: "Measuring the console.", requestId: `lat-${Date.now()}-${i}` });
    const seen = await waitFor(() => page.evaluate((id) => window.__rowSeen.get(id), res.ticket.id), `row of probe ${i}`);
    samples.push(seen - t0);
  }
  samples.sort((a, b) => a - b);
  const line = `p50=${percentile(samples, 50).toFixed(1)} ms p95=${percentile(samples, 95).toFixed(1)} ms max=${samples.at(-1).toFixed(1)} ms (n=${N})`;
  console.log(`[e2e] LATENCY create->row ${line}`);
});

await scenario("the AI suggestion streams in", async () => {
  require(ticket, "no ticket");
  await page.goto(`${CONSOLE_URL}#/ticket/${ticket.id}`);
  await page.getByRole("heading", { name: new RegExp(`#${ticket.number}`) }).waitFor({ timeout: TIMEOUT });
  const agent = await grpcAs(AGENT);
  // The worker took the job: the ticket moves past PENDING (set at creation) to DRAFTING or READY.
  await waitFor(async () => {
    const t = (await agent.tickets.getTicket({ ticketId: ticket.id })).ticket;
    if (t.aiStatus === AiStatus.UNAVAILABLE) throw new Error("the AI worker gave up on the ticket (AI status UNAVAILABLE)");
    return t.aiStatus === AiStatus.DRAFTING || t.aiStatus === AiStatus.READY ? t : undefined;
  }, "the AI worker to draft or attach a suggestion (AI status DRAFTING or READY) within 30 s", 30_000);
  // Draft text shows up (streamed chunks or the final suggestion), then the actions.
  await page.getByTestId("ai-draft").filter({ hasText: /\S/ }).waitFor({ timeout: 30_000 });
  await page.getByTestId("ai-accept").waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(SHOTS, "ticket.png"), fullPage: true });
});

await scenario("accept and send: the customer's stream receives the reply", async () => {
  require(await page.getByTestId("ai-accept").isVisible().catch(() => false), "no suggestion to accept");
  const draft = await page.getByTestId("ai-draft").textContent();
  await page.getByTestId("ai-accept").click();
  await waitFor(() => customerStream.events.find((e) => e?.payload?.case === "commentAdded"
    && e.payload.value.comment.visibility === CommentVisibility.PUBLIC
    && e.payload.value.comment.body === draft), "the reply on the customer's stream");
  await page.locator(".comment.public").filter({ hasText: draft.slice(0, 20) }).waitFor({ timeout: TIMEOUT });
  accepted = true;
});

await scenario("a second agent opening the same ticket shows presence to the first", async () => {
  require(ticket, "no ticket");
  // The second agent is the demo manager (staff, same console) in another tab: its own session.
  manager = await grpcAs(MANAGER);
  const managerId = manager.principal.subjectId;
  await page.goto(`${CONSOLE_URL}#/ticket/${ticket.id}`);
  await page.getByRole("heading", { name: new RegExp(`#${ticket.number}`) }).waitFor({ timeout: TIMEOUT });
  const second = await agentCtx.newPage();
  await login(second, MANAGER);
  await second.goto(`${CONSOLE_URL}#/ticket/${ticket.id}`);
  await second.getByRole("heading", { name: new RegExp(`#${ticket.number}`) }).waitFor({ timeout: TIMEOUT });
  const theirAvatar = page.locator(`[data-testid="viewers"] [data-user-id="${managerId}"]`);
  await theirAvatar.waitFor({ timeout: TIMEOUT });
  // They see the first agent too.
  const agentId = await page.evaluate(() => window.meshdesk.session.state.userId);
  await second.locator(`[data-testid="viewers"] [data-user-id="${agentId}"]`).waitFor({ timeout: TIMEOUT });
  // Typing in the reply box shows on the first agent's screen, and goes away when they stop.
  await second.locator("#reply").pressSequentially("Looking into", { delay: 30 });
  await page.getByTestId("typing").filter({ hasText: /is typing a reply/ }).waitFor({ timeout: TIMEOUT });
  await page.locator(`[data-testid="viewers"] [data-user-id="${managerId}"].typing`).waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(SHOTS, "presence.png") });
  await waitFor(async () => (await page.getByTestId("typing").textContent()) === "", "the typing indicator to clear");
  // Leaving the ticket ends their presence.
  await second.close();
  await theirAvatar.waitFor({ state: "detached", timeout: TIMEOUT });
});

await scenario("a concurrent change shows the notice", async () => {
  require(ticket, "no ticket");
  manager ??= await grpcAs(MANAGER);
  await page.goto(`${CONSOLE_URL}#/ticket/${ticket.id}`);
  await page.getByRole("heading", { name: new RegExp(`#${ticket.number}`) }).waitFor({ timeout: TIMEOUT });
  await page.getByTestId("save").waitFor({ timeout: TIMEOUT });
  const current = (await manager.tickets.getTicket({ ticketId: ticket.id })).ticket;
  await manager.tickets.updateTicket({ ticketId: ticket.id, expectedVersion: current.version, priority: TicketPriority.URGENT });
  await page.getByTestId("collision-notice").filter({ hasText: `version ${current.version + 1n}` }).waitFor({ timeout: TIMEOUT });
  await page.screenshot({ path: join(SHOTS, "collision.png") });
});

await scenario("a broken connection recovers with nothing missed", async () => {
  require(customer, "ticket creation not live");
  await page.goto(`${CONSOLE_URL}#/queue/open`);
  await page.getByTestId("connection").filter({ hasText: "live" }).waitFor({ timeout: TIMEOUT });
  // The network goes away (the browser's offline event; the console's network watcher drops the
  // stream), every reconnect attempt fails meanwhile, then the network comes back.
  const missed = [];
  await agentCtx.setOffline(true);
  try {
    await page.getByTestId("connection").filter({ hasText: "reconnecting" }).waitFor({ timeout: TIMEOUT });
    for (let i = 0; i < 3; i++) {
      missed.push((await customer.tickets.createTicket({ subject: `While offline ${i}`, body: "Created during the outage.", requestId: `off-${Date.now()}-${i}` })).ticket.id);
    }
    // Still cut off: the backoff keeps failing while the tickets exist only on the server.
    await new Promise((r) => setTimeout(r, 1_000));
    for (const id of missed) require(await page.locator(`tr[data-ticket-id="${id}"]`).count() === 0, "row arrived while offline");
  } finally {
    await agentCtx.setOffline(false);
  }
  await page.getByTestId("connection").filter({ hasText: "live" }).waitFor({ timeout: 20_000 });
  for (const id of missed) await page.locator(`tr[data-ticket-id="${id}"]`).waitFor({ timeout: TIMEOUT });
});

await scenario("manager view updates live", async () => {
  require(customer, "ticket creation not live");
  const mp = await agentCtx.newPage();
  await mp.setViewportSize({ width: 1280, height: 800 });
  await login(mp, MANAGER);
  await mp.goto(`${CONSOLE_URL}#/manager`);
  // The desk has loaded once the depth shows the seeded and earlier tickets.
  const depth = await waitFor(async () => Number(await mp.getByTestId("mgr-depth").textContent()), "the manager view to load");
  await customer.tickets.createTicket({ subject: "Manager sees this", body: "Depth goes up.", requestId: `mgr-${Date.now()}` });
  await mp.getByTestId("mgr-depth").filter({ hasText: String(depth + 1) }).waitFor({ timeout: TIMEOUT });
  // The acceptance rate is the tenant's (from the server), so the agent's accept shows in this new session.
  require(accepted, "no suggestion was accepted, so there is no acceptance rate to show");
  await mp.getByTestId("mgr-acceptance").filter({ hasText: "%" }).waitFor({ timeout: TIMEOUT });
  await mp.screenshot({ path: join(SHOTS, "manager.png") });
  await mp.setViewportSize({ width: 820, height: 1100 });
  await mp.goto(`${CONSOLE_URL}#/queue/open`);
  await mp.locator("tr[data-ticket-id]").first().waitFor({ timeout: TIMEOUT });
  await mp.screenshot({ path: join(SHOTS, "queue-tablet.png") });
  await mp.close();
});

await scenario("the AI panel shows a likely duplicate, and Merge closes it into the older ticket", async () => {
  require(customer && customerStream, "ticket creation not live");
  const stamp = Date.now();
  const older = (await customer.tickets.createTicket({ subject: "Strange charge from Streamflix", body: "I see a 49.99 EUR charge from Streamflix that I do not recognise.", requestId: `dup-a-${stamp}` })).ticket;
  const newer = (await customer.tickets.createTicket({ subject: "Unknown transaction of 49.99 EUR", body: "There is a charge from STREAMFLIX I never signed up for.", requestId: `dup-b-${stamp}` })).ticket;
  await page.goto(`${CONSOLE_URL}#/ticket/${newer.id}`);
  await page.getByRole("heading", { name: new RegExp(`#${newer.number}`) }).waitFor({ timeout: TIMEOUT });
  const row = page.locator(`[data-testid="ai-duplicate"][data-ticket-id="${older.id}"]`);
  // The worker loads its embedding model for the first duplicate search of the run.
  await row.waitFor({ timeout: 60_000 });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "duplicates.png"), fullPage: true });
  await row.getByTestId("ai-merge").click();
  await row.getByTestId("merge-outcome").filter({ hasText: `Merged into #${older.number}` }).waitFor({ timeout: TIMEOUT });
  const agent = await grpcAs(AGENT);
  const closed = (await agent.tickets.getTicket({ ticketId: newer.id })).ticket;
  require(closed.status === TicketStatus.CLOSED, `the duplicate is ${TicketStatus[closed.status]}, not closed`);
  await waitFor(() => customerStream.events.find((e) => e?.ticketId === older.id && e?.payload?.case === "commentAdded"
    && e.payload.value.comment.visibility === CommentVisibility.PUBLIC), "the merge notice on the customer's stream");
});

await scenario("a cardholder sees cards and charts, opens a ticket about the flagged STREAMFLIX charge and asks the assistant", async () => {
  require(PASSWORD, "no demo password (E2E_PASSWORD is empty)");
  const cp = await agentCtx.newPage();
  await cp.setViewportSize({ width: 1366, height: 900 });
  await login(cp, CUSTOMER);
  // Cards with their balances, the latest statement and both charts, drawn.
  await cp.getByTestId("card-balance").filter({ hasText: /\$\d/ }).first().waitFor({ timeout: TIMEOUT });
  await cp.getByTestId("card-available").filter({ hasText: /\$\d/ }).first().waitFor({ timeout: TIMEOUT });
  require(await cp.getByTestId("card").count() === 3, `the demo cardholder has 3 cards, the page shows ${await cp.getByTestId("card").count()}`);
  await cp.getByTestId("statement-total").filter({ hasText: /\$\d/ }).waitFor({ timeout: TIMEOUT });
  await cp.getByTestId("statement-due").waitFor({ timeout: TIMEOUT });
  await cp.locator('[data-testid="chart-categories"] [data-category] rect').first().waitFor({ timeout: TIMEOUT });
  const months = await cp.locator('[data-testid="chart-trend"] [data-month] rect.col').count();
  require(months === 6, `the trend chart has ${months} months, not 6`);
  // Picking a month in the trend chart shows that month's categories.
  const current = cp.locator('[data-testid="chart-trend"] [data-month]').last();
  await current.click();
  await current.and(cp.locator('[aria-pressed="true"]')).waitFor({ timeout: TIMEOUT });
  await cp.locator("figcaption").filter({ hasText: `Spending by category, ${await current.getAttribute("data-month")} ` }).waitFor({ timeout: TIMEOUT });
  await cp.locator('[data-testid="chart-trend"] [data-month]').nth(4).click();
  // The flagged duplicate charge, and a ticket about it in one click.
  const charge = cp.getByTestId("flagged-charge").filter({ hasText: "STREAMFLIX" }).first();
  await charge.waitFor({ timeout: TIMEOUT });
  const txnId = await charge.getAttribute("data-transaction-id");
  require(txnId, "the flagged charge names no transaction");
  await charge.getByTestId("open-ticket").click();
  const opened = charge.getByTestId("charge-ticket");
  await opened.waitFor({ timeout: TIMEOUT });
  const ticketId = await opened.getAttribute("data-ticket-id");
  // Checked through the API: the ticket exists, linked to the transaction, in the agent's view too.
  const agent = await grpcAs(AGENT);
  const linked = (await agent.tickets.getTicket({ ticketId })).ticket;
  require(linked.transactionId === txnId, `the ticket is linked to "${linked.transactionId}", not the charge ${txnId}`);
  require(/STREAMFLIX/.test(linked.subject), `the ticket's subject "${linked.subject}" does not name the merchant`);
  // The assistant's answer streams in, in pieces, then shows the figures it cites.
  await cp.locator("#ask-question").fill("Break down my spending by category");
  await cp.getByTestId("ask-send").click();
  const answer = cp.getByTestId("ask-answer").last();
  await answer.and(cp.locator('[data-state="answered"]')).waitFor({ timeout: 60_000 });
  const deltas = Number(await answer.getAttribute("data-deltas"));
  const said = (await answer.locator(".answer-text").textContent()) ?? "";
  console.log(`[e2e] assistant answered in ${deltas} streamed piece(s): ${said}`);
  // Pieces are at most 48 characters: a longer answer must have arrived in several.
  require(deltas >= Math.max(1, Math.ceil(said.length / 48)), `the answer of ${said.length} characters arrived in ${deltas} piece(s), not streamed`);
  require((await answer.getByTestId("ask-figure").count()) >= 1, `the answer cites no figures: "${said}"`);
  await cp.screenshot({ path: join(SHOTS, "cardholder.png"), fullPage: true });
  await cp.close();
  // The agent's ticket view shows the linked transaction.
  await page.goto(`${CONSOLE_URL}#/ticket/${ticketId}`);
  await page.locator(`[data-testid="linked-transaction"][data-transaction-id="${txnId}"]`).waitFor({ timeout: TIMEOUT });
});

await customerStream?.stop();
await agentCtx.close();
rmSync(profile, { recursive: true, force: true });

const failed = results.filter(([, s]) => s === "FAIL");
console.log(`[e2e] ${results.filter(([, s]) => s === "PASS").length} passed, ${failed.length} failed, ${results.filter(([, s]) => s === "PENDING").length} pending`);
process.exit(failed.length ? 1 : 0);
