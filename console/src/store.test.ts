import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { TicketStore } from "./store.js";
import {
  TicketEventSchema,
  TicketPriority,
  TicketSchema,
  TicketStatus,
  type Ticket,
} from "./gen/meshdesk/ticket/v1/ticket_pb.js";

const ME = "00000000-0000-0000-0000-00000000000a";

function ticket(id: string, init: Partial<Omit<Ticket, "$typeName">> = {}): Ticket {
  return create(TicketSchema, { id, number: 1n, subject: id, status: TicketStatus.NEW, priority: TicketPriority.NORMAL, version: 1n, ...init });
}

function created(seq: bigint, t: Ticket) {
  return create(TicketEventSchema, { sequence: seq, ticketId: t.id, ticketVersion: t.version, payload: { case: "ticketCreated", value: { ticket: t } } });
}

function updated(seq: bigint, t: Ticket) {
  return create(TicketEventSchema, { sequence: seq, ticketId: t.id, ticketVersion: t.version, payload: { case: "ticketUpdated", value: { ticket: t } } });
}

describe("TicketStore", () => {
  it("adds a created ticket to the unassigned queue and advances the sequence", () => {
    const store = new TicketStore(() => ME);
    store.apply(created(5n, ticket("a")));
    expect(store.queue("unassigned").map((t) => t.id)).toEqual(["a"]);
    expect(store.lastSequence).toBe(5n);
  });

  it("ignores a replayed older version after a reconnect", () => {
    const store = new TicketStore(() => ME);
    store.apply(updated(7n, ticket("a", { version: 3n, assigneeId: ME })));
    store.apply(created(5n, ticket("a")));
    expect(store.tickets.get("a")?.version).toBe(3n);
    expect(store.queue("mine").map((t) => t.id)).toEqual(["a"]);
    expect(store.lastSequence).toBe(7n);
  });

  it("drops solved tickets from the queues and orders open ones by priority then age", () => {
    const store = new TicketStore(() => ME);
    store.load([
      ticket("low", { number: 1n, priority: TicketPriority.LOW }),
      ticket("urgent-new", { number: 3n, priority: TicketPriority.URGENT }),
      ticket("urgent-old", { number: 2n, priority: TicketPriority.URGENT }),
      ticket("done", { number: 4n, status: TicketStatus.SOLVED }),
    ]);
    expect(store.queue("open").map((t) => t.id)).toEqual(["urgent-old", "urgent-new", "low"]);
  });

  it("counts queues, teams and SLA breaches", () => {
    const store = new TicketStore(() => ME);
    store.load([
      ticket("a", { assigneeId: ME, teamId: "t1", firstResponseBreached: true }),
      ticket("b", { teamId: "t1" }),
      ticket("c", { status: TicketStatus.CLOSED }),
    ]);
    const c = store.counts();
    expect([c.open, c.mine, c.unassigned, c.slaBreached]).toEqual([2, 1, 1, 1]);
    expect(c.byTeam.get("t1")).toBe(2);
    expect(c.byStatus.get(TicketStatus.CLOSED)).toBe(1);
    expect(store.queue("team:t1")).toHaveLength(2);
  });

  it("does not treat heartbeats as processed events", () => {
    const store = new TicketStore(() => ME);
    store.apply(create(TicketEventSchema, { sequence: 9n, payload: { case: "heartbeat", value: {} } }));
    expect(store.lastSequence).toBe(0n);
  });
});
