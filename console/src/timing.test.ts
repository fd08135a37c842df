import { describe, expect, it } from "vitest";
import { backoffMs } from "./stream.js";
import { refreshDelayMs } from "./session.js";
import { slaState } from "./format.js";

describe("reconnect backoff", () => {
  it("starts fast and caps at 8 seconds", () => {
    expect(backoffMs(0, () => 0.5)).toBe(250);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(20, () => 0.5)).toBe(8000);
  });
});

describe("token refresh", () => {
  it("refreshes at 80 % of the remaining lifetime", () => {
    expect(refreshDelayMs(1_000_000 + 900_000, 1_000_000)).toBe(720_000);
  });
  it("refreshes at once when the token is about to expire", () => {
    expect(refreshDelayMs(1_003_000, 1_000_000)).toBe(0);
  });
});

describe("SLA state", () => {
  const now = new Date("2026-01-01T12:00:00Z");
  it("warns within the hour and flags breaches", () => {
    expect(slaState(new Date("2026-01-01T12:30:00Z"), false, now)).toBe("soon");
    expect(slaState(new Date("2026-01-01T15:00:00Z"), false, now)).toBe("ok");
    expect(slaState(new Date("2026-01-01T11:00:00Z"), false, now)).toBe("breached");
    expect(slaState(undefined, true, now)).toBe("breached");
  });
});
