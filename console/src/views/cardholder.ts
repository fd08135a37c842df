import { ConnectError } from "@connectrpc/connect";
import { major, money, monthBefore, monthLabel, percent } from "../chart.js";
import { h, replace } from "../dom.js";
import type { App } from "../app.js";
import type { LocalDate, Money } from "../gen/meshdesk/common/v1/common_pb.js";
import { CardStatus, type Balance, type Card, type GetSpendingResponse, type Statement } from "../gen/meshdesk/ledger/v1/ledger_pb.js";
import { AskChat } from "./ask.js";
import { categoryChart, trendChart } from "./charts.js";
import { FlaggedCharges, cardName } from "./flagged.js";

/** Months shown in the trend chart, the current one included. */
const TREND_MONTHS = 6;

function amount(m: Money | undefined): string {
  return m ? money(m.amountMinor, m.currency) : "—";
}

function day(d: LocalDate | undefined): string {
  if (!d) return "—";
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function message(err: unknown): string {
  return err instanceof ConnectError ? err.rawMessage : String(err);
}

/**
 * The cardholder's page (customers): their cards with balance and available credit, the selected
 * card's latest statement, spending by category and by month, flagged charges with a one-click
 * ticket, and the spending assistant. Everything comes from the ledger with the customer's own
 * token, which the ledger limits to their own cards.
 */
export function cardholderView(app: App): { el: HTMLElement; dispose: () => void } {
  let cards: Card[] = [];
  const balances = new Map<string, Balance>();
  const products = new Map<string, string>();
  let selected = "";

  const cardRow = h("div", { class: "cards", role: "group", "aria-label": "Your cards" });
  const statement = h("section", { class: "panel statement", "aria-labelledby": "statement-title", "data-testid": "statement" });
  const categories = h("figure", { class: "panel chart-box" });
  const trend = h("figure", { class: "panel chart-box" });
  const error = h("p", { class: "error", role: "alert" });
  const flagged = new FlaggedCharges(app);
  const chat = new AskChat(app, () => selected);

  function cardTile(c: Card): HTMLElement {
    const b = balances.get(c.id);
    const limit = b?.creditLimit ?? c.creditLimit;
    const used = b && limit ? percent(major(b.postedBalance?.amountMinor ?? 0n, limit.currency) + major(b.openHolds?.amountMinor ?? 0n, limit.currency), major(limit.amountMinor, limit.currency)) : 0;
    const tile = h("button", { type: "button", class: "card-tile", "aria-pressed": String(c.id === selected), "data-testid": "card", "data-card-id": c.id },
      h("span", { class: "card-product" }, products.get(c.productId) ?? "Credit card"),
      h("span", { class: "card-number" }, cardName(c.id), c.status === CardStatus.ACTIVE ? null : h("span", { class: "badge" }, CardStatus[c.status].toLowerCase())),
      h("span", { class: "card-figure" }, h("small", {}, "Balance"), h("strong", { "data-testid": "card-balance" }, amount(b?.postedBalance))),
      h("span", { class: "card-figure" }, h("small", {}, "Available credit"), h("strong", { "data-testid": "card-available" }, amount(b?.availableCredit))),
      h("span", { class: "meter", "aria-hidden": "true" }, h("span", { style: `width:${used}%` })),
      h("small", { class: "card-limit" }, `${used} % of ${amount(limit)} credit limit used`));
    tile.addEventListener("click", () => { selected = c.id; renderCards(); void loadCard(); });
    return tile;
  }

  function renderCards(): void {
    replace(cardRow, cards.length ? cards.map(cardTile) : h("p", { class: "muted" }, "You have no cards yet."));
  }

  function renderStatement(s: Statement | undefined, b: Balance | undefined): void {
    replace(statement, h("h3", { id: "statement-title" }, "Latest statement"),
      s ? h("dl", { class: "facts" },
        h("dt", {}, "Period"), h("dd", { "data-testid": "statement-period" }, `${day(s.periodStart)} – ${day(s.periodEnd)}`),
        h("dt", {}, "Statement balance"), h("dd", { "data-testid": "statement-total" }, amount(s.newBalance)),
        h("dt", {}, "Minimum due"), h("dd", {}, amount(s.minimumPayment), b?.minimumPaymentDue && b.minimumPaymentDue.amountMinor !== s.minimumPayment?.amountMinor ? h("small", { class: "muted" }, ` (${amount(b.minimumPaymentDue)} still unpaid)`) : null),
        h("dt", {}, "Due date"), h("dd", { "data-testid": "statement-due" }, day(s.dueDate)),
        h("dt", {}, "Purchases"), h("dd", {}, amount(s.purchases)),
        h("dt", {}, "Payments and credits"), h("dd", {}, amount(s.paymentsAndCredits)))
        : h("p", { class: "muted" }, "No statement yet: the first one closes on the card's billing day."));
  }

  /**
   * Draws both charts; the category chart shows month `at` of the range, by default the last
   * complete month with purchases (the current month has only begun), else the latest with any.
   */
  function renderSpending(sp: GetSpendingResponse, currency: string, at?: number): void {
    const months = sp.months.map((m) => ({ label: monthLabel(m.month), value: major(m.total?.amountMinor ?? 0n, currency), minor: m.total?.amountMinor ?? 0n }));
    const withPurchases = sp.months.map((m, i) => (m.categories.length ? i : -1)).filter((i) => i >= 0);
    const index = at ?? withPurchases.filter((i) => i < sp.months.length - 1).at(-1) ?? withPurchases.at(-1) ?? sp.months.length - 1;
    const month = sp.months[index];
    const cats = (month?.categories ?? []).map((c) => ({ label: c.category, value: major(c.amount?.amountMinor ?? 0n, currency), minor: c.amount?.amountMinor ?? 0n }));
    const catTitle = month ? `Spending by category, ${monthLabel(month.month, true)}` : "Spending by category";
    replace(categories, h("figcaption", {}, catTitle), cats.length ? categoryChart(catTitle, cats, currency) : h("p", { class: "muted" }, "No purchases in these months."));
    const trendTitle = `Monthly spending, last ${TREND_MONTHS} months`;
    replace(trend, h("figcaption", {}, trendTitle, h("small", { class: "muted" }, " · pick a month for its categories")),
      trendChart(trendTitle, months, currency, index, (i) => renderSpending(sp, currency, i)));
  }

  async function loadCard(): Promise<void> {
    const card = cards.find((c) => c.id === selected);
    if (!card) return;
    error.textContent = "";
    const now = new Date();
    try {
      const [statements, spending] = await Promise.all([
        app.api.ledger.listStatements({ cardId: card.id, page: { pageSize: 1 } }),
        app.api.ledger.getSpending({ cardId: card.id, fromMonth: monthBefore(now, TREND_MONTHS - 1), toMonth: monthBefore(now, 0) }),
      ]);
      renderStatement(statements.statements[0], balances.get(card.id));
      renderSpending(spending, card.creditLimit?.currency ?? "USD");
    } catch (err) {
      error.textContent = `Could not load the card: ${message(err)}`;
    }
  }

  async function loadFlagged(): Promise<void> {
    const [charges, tickets] = await Promise.all([
      Promise.all(cards.map((c) => app.api.ledger.listUnusualCharges({ cardId: c.id }))),
      app.api.tickets.listTickets({ page: { pageSize: 100 } }),
    ]);
    const all = charges.flatMap((r) => r.charges);
    all.sort((a, b) => Number((b.transaction?.postedAt?.seconds ?? 0n) - (a.transaction?.postedAt?.seconds ?? 0n)));
    flagged.show(all, tickets.tickets);
  }

  async function load(): Promise<void> {
    try {
      cards = (await app.api.ledger.listCards({ page: { pageSize: 50 } })).cards;
      await Promise.all([
        ...cards.map(async (c) => { balances.set(c.id, (await app.api.ledger.getBalance({ cardId: c.id })).balance!); }),
        ...[...new Set(cards.map((c) => c.productId))].map(async (id) => {
          const p = await app.api.ledger.getCardProduct({ productId: id }).catch(() => undefined);
          if (p?.product) products.set(id, p.product.name);
        }),
      ]);
      selected = cards.find((c) => c.status === CardStatus.ACTIVE)?.id ?? cards[0]?.id ?? "";
      renderCards();
      await Promise.all([loadCard(), loadFlagged()]);
    } catch (err) {
      error.textContent = `Could not load your cards: ${message(err)}`;
    }
  }

  void load();
  document.title = "My cards · Meshdesk";
  const el = h("section", { class: "cardholder", "aria-labelledby": "cardholder-title" },
    h("h2", { id: "cardholder-title" }, "My cards"), cardRow, error,
    h("div", { class: "cardholder-grid" },
      statement, flagged.el,
      h("div", { class: "charts" }, categories, trend),
      chat.el));
  return { el, dispose: () => chat.stop() };
}
