import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  SentimentLabel,
  TicketPriority,
  TicketStatus,
  type SuggestionStats,
  type Ticket,
} from "./gen/meshdesk/ticket/v1/ticket_pb.js";

/** Human labels of the enums shown in the console. */
export const STATUS_LABELS: Record<number, string> = {
  [TicketStatus.NEW]: "New",
  [TicketStatus.OPEN]: "Open",
  [TicketStatus.PENDING]: "Pending",
  [TicketStatus.SOLVED]: "Solved",
  [TicketStatus.CLOSED]: "Closed",
};

export const PRIORITY_LABELS: Record<number, string> = {
  [TicketPriority.LOW]: "Low",
  [TicketPriority.NORMAL]: "Normal",
  [TicketPriority.HIGH]: "High",
  [TicketPriority.URGENT]: "Urgent",
};

export const SENTIMENT_LABELS: Record<number, string> = {
  [SentimentLabel.UNSPECIFIED]: "—",
  [SentimentLabel.NEGATIVE]: "Negative",
  [SentimentLabel.NEUTRAL]: "Neutral",
  [SentimentLabel.POSITIVE]: "Positive",
};

export function label(labels: Record<number, string>, value: number): string {
  return labels[value] ?? "—";
}

export function toDate(ts: Timestamp | undefined): Date | undefined {
  return ts ? timestampDate(ts) : undefined;
}

/** "in 42 min", "3 h ago": compact relative time for SLA deadlines. */
export function relative(target: Date, now: Date): string {
  const diff = target.getTime() - now.getTime();
  const abs = Math.abs(diff);
  const text =
    abs < 60_000 ? `${Math.round(abs / 1000)} s`
    : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min`
    : abs < 86_400_000 ? `${Math.round(abs / 3_600_000)} h`
    : `${Math.round(abs / 86_400_000)} d`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

/** How urgent an SLA deadline is: breached, due within the hour ("soon"), or fine. */
export type SlaState = "breached" | "soon" | "ok" | "none";

export function slaState(due: Date | undefined, breached: boolean, now: Date): SlaState {
  if (breached) return "breached";
  if (!due) return "none";
  const left = due.getTime() - now.getTime();
  if (left <= 0) return "breached";
  return left <= 3_600_000 ? "soon" : "ok";
}

/** The SLA deadline that matters next for a ticket: first response until answered, then resolution. */
export function nextSla(t: Ticket, now: Date): { name: string; due?: Date; state: SlaState } {
  if (!t.firstRespondedAt && t.firstResponseDueAt) {
    const due = toDate(t.firstResponseDueAt);
    return { name: "First response", due, state: slaState(due, t.firstResponseBreached, now) };
  }
  const due = toDate(t.resolutionDueAt);
  return { name: "Resolution", due, state: slaState(due, t.resolutionBreached, now) };
}

/** Initials for avatars: "Ada Lovelace" -> "AL". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
}

/** Acceptance rate of rated AI suggestions, (accepted + edited) / rated; "—" while none is rated. */
export function acceptance(s: SuggestionStats | undefined): { rated: number; rate: string } {
  const used = Number(s?.accepted ?? 0n) + Number(s?.edited ?? 0n);
  const rated = used + Number(s?.discarded ?? 0n);
  return { rated, rate: rated ? `${Math.round((100 * used) / rated)} %` : "—" };
}
