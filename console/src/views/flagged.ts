import { ConnectError } from "@connectrpc/connect";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { money } from "../chart.js";
import { h, replace } from "../dom.js";
import type { App } from "../app.js";
import { ChargeFlag, type UnusualCharge } from "../gen/meshdesk/ledger/v1/ledger_pb.js";
import type { Ticket } from "../gen/meshdesk/ticket/v1/ticket_pb.js";
import { STATUS_LABELS, label } from "../format.js";

const FLAG_LABELS: Record<number, string> = {
  [ChargeFlag.DUPLICATE]: "Possible duplicate",
  [ChargeFlag.NEW_MERCHANT_LARGE_AMOUNT]: "New merchant, large amount",
  [ChargeFlag.UNUSUAL_AMOUNT]: "Unusual amount",
};

/** "Card ending 9F3A": cards carry no number in Meshdesk, so the end of the card id names them. */
export function cardName(cardId: string): string {
  return `Card ending ${cardId.replace(/-/g, "").slice(-4).toUpperCase()}`;
}

/** What the opened ticket says about the charge: subject and body, within the contract's limits. */
export function chargeTicket(c: UnusualCharge): { subject: string; body: string } {
  const t = c.transaction!;
  const amount = t.amount ? money(t.amount.amountMinor, t.amount.currency) : "";
  const merchant = t.merchant?.name || "an unknown merchant";
  const posted = t.postedAt ? timestampDate(t.postedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "";
  return {
    subject: `Charge of ${amount} at ${merchant}`.slice(0, 200),
    body: `I have a question about a charge on my ${cardName(t.cardId).toLowerCase()}: ${amount} at ${merchant}, posted ${posted}.`
      + `\nIt was flagged as "${label(FLAG_LABELS, c.flag)}": ${c.explanation}`,
  };
}

/**
 * The flagged (unusual) charges of the cardholder's cards, each with a one-click "Open a ticket
 * about this charge" that opens a support ticket linked to the transaction. A charge that already
 * has a ticket shows it instead (the request id is derived from the transaction, so a second click
 * from another tab returns the same ticket).
 */
export class FlaggedCharges {
  readonly el: HTMLElement;
  private readonly list = h("ul", { class: "flagged-list" });

  constructor(private readonly app: App) {
    this.el = h("section", { class: "panel flagged", "aria-labelledby": "flagged-title", "data-testid": "flagged" },
      h("h3", { id: "flagged-title" }, "Flagged charges"), this.list);
  }

  /** Shows `charges` (newest first); `tickets` are the caller's tickets, to find existing links. */
  show(charges: UnusualCharge[], tickets: Ticket[]): void {
    const byTxn = new Map(tickets.filter((t) => t.transactionId).map((t) => [t.transactionId, t]));
    if (!charges.length) {
      replace(this.list, h("li", { class: "muted" }, "Nothing unusual in the last 90 days."));
      return;
    }
    replace(this.list, charges.filter((c) => c.transaction).map((c) => this.row(c, byTxn.get(c.transaction!.id))));
  }

  private row(c: UnusualCharge, existing: Ticket | undefined): HTMLElement {
    const t = c.transaction!;
    const action = h("div", { class: "flag-action" });
    const error = h("p", { class: "error", role: "alert" });
    const button = h("button", { type: "button", class: "primary", "data-testid": "open-ticket" }, "Open a ticket about this charge");
    button.addEventListener("click", async () => {
      button.disabled = true;
      error.textContent = "";
      try {
        const res = await this.app.api.tickets.createTicket({ ...chargeTicket(c), transactionId: t.id, requestId: `charge-${t.id}` });
        replace(action, opened(res.ticket!));
      } catch (err) {
        error.textContent = err instanceof ConnectError ? err.rawMessage : String(err);
        button.disabled = false;
      }
    });
    replace(action, existing ? opened(existing) : button);
    return h("li", { class: "flagged-charge", "data-testid": "flagged-charge", "data-transaction-id": t.id },
      h("div", { class: "charge-head" },
        h("strong", {}, t.merchant?.name || "Unknown merchant"),
        h("span", { class: "amount" }, t.amount ? money(t.amount.amountMinor, t.amount.currency) : ""),
        h("span", { class: "badge warn" }, label(FLAG_LABELS, c.flag))),
      h("p", { class: "muted small" }, `${cardName(t.cardId)} · ${c.category} · ${t.postedAt ? timestampDate(t.postedAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC" : ""}`),
      h("p", {}, c.explanation),
      action, error);
  }
}

function opened(t: Ticket): HTMLElement {
  return h("p", { class: "opened", "data-testid": "charge-ticket", "data-ticket-id": t.id },
    `Ticket #${t.number} opened · ${label(STATUS_LABELS, t.status)} · our team will get back to you.`);
}
