import { describe, expect, it } from "vitest";
import { barLayout, columnLayout, compactMoney, major, money, monthBefore, monthLabel, niceCeil, percent, ticks } from "./chart.js";

describe("niceCeil", () => {
  it("rounds up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect(niceCeil(0.7)).toBe(1);
    expect(niceCeil(1)).toBe(1);
    expect(niceCeil(1.3)).toBe(2);
    expect(niceCeil(212)).toBe(250);
    expect(niceCeil(251)).toBe(500);
    expect(niceCeil(870)).toBe(1000);
  });

  it("gives an empty or negative range a scale of 1", () => {
    expect(niceCeil(0)).toBe(1);
    expect(niceCeil(-40)).toBe(1);
    expect(niceCeil(Number.NaN)).toBe(1);
  });
});

describe("columnLayout", () => {
  it("scales columns to the rounded maximum and stands them on the bottom edge", () => {
    const { bars, scale, ticks: grid } = columnLayout([{ label: "Sep", value: 100 }, { label: "Oct", value: 200 }], 200, 100, 10);
    expect(scale).toBe(200);
    expect(grid).toEqual([0, 50, 100, 150, 200]);
    expect(bars.map((b) => [b.x, b.y, b.width, b.height])).toEqual([[5, 50, 90, 50], [105, 0, 90, 100]]);
  });

  it("draws a negative month (refunds above purchases) as an empty column", () => {
    const [bar] = columnLayout([{ label: "Nov", value: -30 }], 100, 80).bars;
    expect(bar.height).toBe(0);
    expect(bar.y).toBe(80);
  });
});

describe("barLayout", () => {
  it("stacks rows and makes each bar's length its share of the scale", () => {
    const { bars, scale } = barLayout([{ label: "dining", value: 125 }, { label: "travel", value: 250 }], 300, 20, 4);
    expect(scale).toBe(250);
    expect(bars.map((b) => [b.y, b.width, b.height])).toEqual([[2, 150, 16], [22, 300, 16]]);
  });
});

describe("ticks and percent", () => {
  it("splits the scale into equal steps", () => {
    expect(ticks(1000, 2)).toEqual([0, 500, 1000]);
  });

  it("clamps a share to 0..100 and treats a missing limit as 0", () => {
    expect(percent(25, 100)).toBe(25);
    expect(percent(130, 100)).toBe(100);
    expect(percent(-5, 100)).toBe(0);
    expect(percent(5, 0)).toBe(0);
  });
});

describe("months", () => {
  it("labels YYYY-MM months, with or without the year", () => {
    expect(monthLabel("2026-10")).toBe("Oct");
    expect(monthLabel("2026-01", true)).toBe("Jan 2026");
    expect(monthLabel("2026-13")).toBe("2026-13");
  });

  it("counts months back across a year boundary", () => {
    expect(monthBefore(new Date(Date.UTC(2026, 1, 28)), 0)).toBe("2026-02");
    expect(monthBefore(new Date(Date.UTC(2026, 1, 28)), 5)).toBe("2025-09");
  });
});

describe("money", () => {
  it("formats minor units in the currency's own decimals", () => {
    expect(money(4999n, "USD")).toBe("$49.99");
    expect(money(-1200n, "USD")).toBe("-$12.00");
    expect(money(123450n, "EUR")).toBe("€1,234.50");
    expect(money(500n, "JPY")).toBe("¥500");
    expect(major(4999n, "USD")).toBe(49.99);
  });

  it("abbreviates axis labels", () => {
    expect(compactMoney(1500, "USD")).toBe("$1.5K");
    expect(compactMoney(0, "USD")).toBe("$0");
  });
});
