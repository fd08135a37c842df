/**
 * Chart geometry and number formatting for the cardholder page: plain functions of numbers, so the
 * SVG the page draws can be tested without a browser.
 */

/** One value to draw. */
export interface Datum {
  label: string;
  value: number;
}

/** A laid-out bar: its rectangle in the chart's coordinates (origin top left). */
export interface Bar extends Datum {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bars of a chart, the value the full scale stands for, and the gridline values. */
export interface Layout {
  bars: Bar[];
  scale: number;
  ticks: number[];
}

/**
 * The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `max`; 1 for an
 * empty or non-positive range, so a chart of zeros still has a scale.
 */
export function niceCeil(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** `count` equal steps from 0 to `scale`, both included. */
export function ticks(scale: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (scale * i) / count);
}

/**
 * Vertical columns side by side across `width`, growing up from the bottom of `height`; a column's
 * height is its share of the scale (negative values draw as empty columns).
 */
export function columnLayout(data: Datum[], width: number, height: number, gap = 8): Layout {
  const scale = niceCeil(Math.max(0, ...data.map((d) => d.value)));
  const slot = data.length ? width / data.length : 0;
  const barWidth = Math.max(1, slot - gap);
  const bars = data.map((d, i) => {
    const h = (Math.max(0, d.value) / scale) * height;
    return { ...d, x: i * slot + (slot - barWidth) / 2, y: height - h, width: barWidth, height: h };
  });
  return { bars, scale, ticks: ticks(scale) };
}

/** Horizontal bars stacked top to bottom, `rowHeight` apart, growing right across `width`. */
export function barLayout(data: Datum[], width: number, rowHeight: number, gap = 6): Layout {
  const scale = niceCeil(Math.max(0, ...data.map((d) => d.value)));
  const bars = data.map((d, i) => ({
    ...d,
    x: 0,
    y: i * rowHeight + gap / 2,
    width: (Math.max(0, d.value) / scale) * width,
    height: rowHeight - gap,
  }));
  return { bars, scale, ticks: ticks(scale) };
}

/** Share of `part` in `whole` as a whole percentage, clamped to 0..100 (0 when `whole` is not positive). */
export function percent(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(100, Math.max(0, Math.round((100 * part) / whole)));
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-10" -> "Oct", or "Oct 2026" with the year; anything else is returned as given. */
export function monthLabel(month: string, withYear = false): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !name) return month;
  return withYear ? `${name} ${m[1]}` : name;
}

/** "YYYY-MM" of the month `back` months before the one containing `day` (UTC). */
export function monthBefore(day: Date, back: number): string {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - back, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** Digits after the decimal point of a currency ("USD" 2, "JPY" 0). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as a number of major units: 4999 USD -> 49.99. */
export function major(amountMinor: bigint, currency: string): number {
  return Number(amountMinor) / 10 ** minorDigits(currency);
}

/** "$49.99", "-$12.00", "€1,234.50": an amount in minor units, formatted in its currency. */
export function money(amountMinor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(major(amountMinor, currency));
  } catch {
    return `${major(amountMinor, currency).toFixed(digits)} ${currency}`;
  }
}

/** Axis labels: "$0", "$250", "$1.5k", "$12k". */
export function compactMoney(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}
