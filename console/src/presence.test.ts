import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TypingAnnouncer } from "./views/presence.js";
import { CommentVisibility } from "./gen/meshdesk/ticket/v1/ticket_pb.js";

describe("TypingAnnouncer", () => {
  let now = 0;
  let sent: boolean[] = [];
  let announcer: TypingAnnouncer;

  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    sent = [];
    announcer = new TypingAnnouncer(async (t) => { sent.push(t); }, () => CommentVisibility.PUBLIC, 3_000, 2_500, () => now);
  });
  afterEach(() => vi.useRealTimers());

  it("announces typing once per refresh interval, not per keystroke", () => {
    for (let i = 0; i < 10; i++) { now += 200; announcer.keystroke(); }
    expect(sent).toEqual([true]);
    now += 800;
    announcer.keystroke();
    expect(sent).toEqual([true, true]);
  });

  it("announces the stop after the idle time", () => {
    announcer.keystroke();
    vi.advanceTimersByTime(2_999);
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);
  });

  it("stops at once when the reply is sent and not again when idle", () => {
    announcer.keystroke();
    announcer.stop();
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual([true, false]);
  });
});
