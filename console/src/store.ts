import {
  TicketPriority,
  TicketStatus,
  type Ticket,
  type TicketEvent,
} from "./gen/meshdesk/ticket/v1/ticket_pb.js";

/** The queues an agent works, as shown in the sidebar. */
export type QueueName = "unassigned" | "mine" | "open" | `team:${string}`;

const UNSOLVED = new Set([TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING]);

/** True while a ticket still needs work (NEW, OPEN or PENDING). */
export function isUnsolved(t: Ticket): boolean {
  return UNSOLVED.has(t.status);
}

/** Most urgent first, then oldest first (the "all open by priority" order). */
export function byPriority(a: Ticket, b: Ticket): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  return Number(a.number - b.number);
}

/** Summary counters of the desk, derived from the tickets the store holds. */
export interface DeskCounts {
  unassigned: number;
  mine: number;
  open: number;
  byStatus: Map<TicketStatus, number>;
  byPriority: Map<TicketPriority, number>;
  byTeam: Map<string, number>;
  slaBreached: number;
}

/**
 * The tickets of the tenant the console knows, kept current by stream events. Events carry whole
 * tickets with versions, so applying is an idempotent "keep the newest version": replays after a
 * reconnect and the initial list racing the stream cannot move a ticket backwards.
 */
export class TicketStore {
  readonly tickets = new Map<string, Ticket>();
  /** Highest event sequence applied; the stream resumes after it. */
  lastSequence = 0n;
  private readonly listeners = new Set<(changed: Ticket | undefined, event?: TicketEvent) => void>();

  constructor(private readonly me: () => string) {}

  /** Calls `fn` after each change (`changed` undefined for bulk loads and non-ticket events). */
  subscribe(fn: (changed: Ticket | undefined, event?: TicketEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Stores tickets from a list call (older versions than held are ignored). */
  load(tickets: Ticket[]): void {
    for (const t of tickets) this.upsert(t);
    this.emit(undefined);
  }

  /** Keeps `t` if it is newer than what is held; returns whether it changed. */
  upsert(t: Ticket): boolean {
    const held = this.tickets.get(t.id);
    if (held && held.version >= t.version) return false;
    this.tickets.set(t.id, t);
    return true;
  }

  /** Applies one stream event; returns the ticket it changed, if any. */
  apply(event: TicketEvent): Ticket | undefined {
    if (event.sequence > this.lastSequence && event.payload.case !== "heartbeat" && event.payload.case !== "resync") {
      this.lastSequence = event.sequence;
    }
    const p = event.payload;
    let ticket: Ticket | undefined;
    if (p.case === "ticketCreated" || p.case === "ticketUpdated" || p.case === "ticketAssigned") {
      ticket = p.value.ticket;
    }
    const changed = ticket !== undefined && this.upsert(ticket);
    this.emit(changed ? ticket : undefined, event);
    return changed ? ticket : undefined;
  }

  /** Tickets of a queue, in the queue's order. */
  queue(name: QueueName): Ticket[] {
    const me = this.me();
    const all = [...this.tickets.values()].filter(isUnsolved);
    let list: Ticket[];
    if (name === "unassigned") list = all.filter((t) => t.assigneeId === "");
    else if (name === "mine") list = all.filter((t) => t.assigneeId === me);
    else if (name === "open") list = all;
    else list = all.filter((t) => t.teamId === name.slice("team:".length));
    return list.sort(byPriority);
  }

  counts(): DeskCounts {
    const me = this.me();
    const c: DeskCounts = {
      unassigned: 0, mine: 0, open: 0, slaBreached: 0,
      byStatus: new Map(), byPriority: new Map(), byTeam: new Map(),
    };
    for (const t of this.tickets.values()) {
      c.byStatus.set(t.status, (c.byStatus.get(t.status) ?? 0) + 1);
      if (!isUnsolved(t)) continue;
      c.open++;
      if (t.assigneeId === "") c.unassigned++;
      if (t.assigneeId === me) c.mine++;
      if (t.teamId) c.byTeam.set(t.teamId, (c.byTeam.get(t.teamId) ?? 0) + 1);
      c.byPriority.set(t.priority, (c.byPriority.get(t.priority) ?? 0) + 1);
      if (t.firstResponseBreached || t.resolutionBreached) c.slaBreached++;
    }
    return c;
  }

  private emit(changed: Ticket | undefined, event?: TicketEvent): void {
    this.listeners.forEach((fn) => fn(changed, event));
  }
}
