import { barLayout, columnLayout, compactMoney, money, type Datum } from "../chart.js";

const SVG = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes and children. */
function s(tag: string, attrs: Record<string, string | number>, ...children: (Node | string)[]): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

/** A value in minor units, drawn in major units. */
export interface MoneyDatum extends Datum {
  minor: bigint;
}

/**
 * Spending by category: one horizontal bar per category, largest first, its amount beside it.
 * `data` values are major units; `minor` keeps the exact amount for the label.
 */
export function categoryChart(title: string, data: MoneyDatum[], currency: string): SVGElement {
  const labelWidth = 110, valueWidth = 80, plot = 260, row = 26;
  const { bars } = barLayout(data, plot, row);
  const height = Math.max(row, bars.length * row);
  return s("svg", {
    class: "chart", role: "img", "aria-label": title, "data-testid": "chart-categories",
    viewBox: `0 0 ${labelWidth + plot + valueWidth} ${height}`, width: labelWidth + plot + valueWidth, height,
  },
  s("title", {}, title),
  ...bars.map((b, i) => s("g", { "data-category": b.label },
    s("text", { x: labelWidth - 8, y: b.y + b.height / 2, "text-anchor": "end", "dominant-baseline": "middle", class: "axis" }, capitalize(b.label)),
    s("rect", { x: labelWidth, y: b.y, width: Math.max(2, b.width), height: b.height, rx: 3, class: `hbar c${i % 6}` },
      s("title", {}, `${capitalize(b.label)}: ${money(data[i].minor, currency)}`)),
    s("text", { x: labelWidth + Math.max(2, b.width) + 6, y: b.y + b.height / 2, "dominant-baseline": "middle", class: "value" }, money(data[i].minor, currency)))));
}

/**
 * Monthly totals: one column per month with gridlines and amounts on a left axis; the column at
 * `selected` is highlighted, and clicking (or Enter on) a column calls `onSelect` with its index.
 */
export function trendChart(title: string, data: MoneyDatum[], currency: string, selected: number, onSelect: (i: number) => void): SVGElement {
  const left = 52, top = 16, plotW = 380, plotH = 170, bottom = 24;
  const { bars, ticks } = columnLayout(data, plotW, plotH, 18);
  const scale = ticks[ticks.length - 1];
  return s("svg", {
    class: "chart", role: "img", "aria-label": title, "data-testid": "chart-trend",
    viewBox: `0 0 ${left + plotW + 8} ${top + plotH + bottom}`, width: left + plotW + 8, height: top + plotH + bottom,
  },
  s("title", {}, title),
  ...ticks.map((t) => {
    const y = top + plotH - (t / scale) * plotH;
    return s("g", {},
      s("line", { x1: left, x2: left + plotW, y1: y, y2: y, class: "grid" }),
      s("text", { x: left - 6, y, "text-anchor": "end", "dominant-baseline": "middle", class: "axis" }, compactMoney(t, currency)));
  }),
  ...bars.map((b, i) => {
    const g = s("g", { "data-month": b.label, class: "col-group", tabindex: 0, role: "button", "aria-pressed": String(i === selected), "aria-label": `${b.label}: ${money(data[i].minor, currency)}` },
      // The whole column, label included, takes the click: a short bar leaves most of it empty.
      s("rect", { x: left + b.x, y: top, width: b.width, height: plotH + bottom, fill: "transparent", class: "col-hit" }),
      s("rect", { x: left + b.x, y: top + b.y, width: b.width, height: Math.max(b.height, 1), rx: 3, class: i === selected ? "col selected" : "col" },
        s("title", {}, `${b.label}: ${money(data[i].minor, currency)}`)),
      s("text", { x: left + b.x + b.width / 2, y: top + plotH + 16, "text-anchor": "middle", class: "axis" }, b.label));
    g.addEventListener("click", () => onSelect(i));
    g.addEventListener("keydown", (e) => { if ((e as KeyboardEvent).key === "Enter") onSelect(i); });
    return g;
  }));
}

function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}
