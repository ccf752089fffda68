/**
 * Charts drawn as SVG from the explorer's own data: bars (one per row, segments stacked) and
 * columns (one per day, segments stacked). Each is a figure with a title and a description for
 * assistive technology, and a table of the same numbers beside it (the chart is for the eye, the
 * table for reading and for everyone who cannot see the chart). Nothing is loaded from elsewhere.
 */
import { type Child, h } from "./dom";
import { number } from "./i18n";

const SVG = "http://www.w3.org/2000/svg";

/** One part of a bar: its value, its colour (a CSS class) and what it counts. */
export interface Segment {
  readonly value: number;
  readonly kind: string;
  readonly label: string;
}

/** One bar (or column) of a chart. */
export interface Bar {
  readonly label: string;
  readonly segments: readonly Segment[];
  /** Shown at the end of the bar (defaults to the segments' total). */
  readonly note?: string;
}

function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): Element {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  el.append(...children);
  return el;
}

const text = (content: string, attrs: Record<string, string | number>) => {
  const el = svg("text", attrs);
  el.textContent = content;
  return el;
};

let chartCount = 0;

/** A figure: the chart with its accessible name and description, its legend, and the table. */
function figure(
  title: string,
  chart: Element,
  legend: readonly Segment[],
  data: Child,
): HTMLElement {
  const id = `chart-${++chartCount}`;
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-labelledby", `${id}-title ${id}-desc`);
  const titleEl = svg("title", { id: `${id}-title` });
  titleEl.textContent = title;
  const desc = svg("desc", { id: `${id}-desc` });
  desc.textContent = legend.map((s) => s.label).join(", ");
  chart.prepend(titleEl, desc);
  const kinds = [...new Map(legend.map((s) => [s.kind, s])).values()];
  return h(
    "figure",
    { class: "chart" },
    h("figcaption", { class: "chart-title" }, title),
    h(
      "div",
      { class: "chart-drawing" },
      chart as unknown as Node,
      h(
        "ul",
        { class: "legend" },
        ...kinds.map((s) => h("li", {}, h("span", { class: `swatch ${s.kind}` }), s.label)),
      ),
    ),
    h("div", { class: "chart-table" }, data),
  );
}

const BAR_HEIGHT = 22;
const GAP = 8;
const LABEL_WIDTH = 150;
const WIDTH = 520;

/** Horizontal bars, one per row, segments stacked left to right. */
export function barChart(title: string, bars: readonly Bar[], data: Child): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((a, s) => a + s.value, 0)));
  const scale = (WIDTH - LABEL_WIDTH - 60) / max;
  const height = bars.length * (BAR_HEIGHT + GAP) + GAP;
  const rows = bars.map((bar, i) => {
    const y = GAP + i * (BAR_HEIGHT + GAP);
    let x = LABEL_WIDTH;
    const parts = bar.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const width = Math.max(2, s.value * scale);
        const rect = svg("rect", { x, y, width, height: BAR_HEIGHT, class: `seg ${s.kind}` });
        x += width;
        return rect;
      });
    const total = bar.segments.reduce((a, s) => a + s.value, 0);
    return svg(
      "g",
      {},
      text(bar.label, { x: LABEL_WIDTH - 8, y: y + BAR_HEIGHT * 0.72, "text-anchor": "end" }),
      ...parts,
      text(bar.note ?? number(total), { x: x + 6, y: y + BAR_HEIGHT * 0.72 }),
    );
  });
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${height}`, class: "bars" }, ...rows);
  return figure(
    title,
    chart,
    bars.flatMap((b) => b.segments),
    data,
  );
}

const COLUMN_AREA = 160;

/** Vertical columns, one per day (or any step), segments stacked bottom up. */
export function columnChart(title: string, columns: readonly Bar[], data: Child): HTMLElement {
  const max = Math.max(1, ...columns.map((c) => c.segments.reduce((a, s) => a + s.value, 0)));
  const step = Math.max(14, Math.min(60, (WIDTH - 40) / Math.max(1, columns.length)));
  const width = Math.max(WIDTH, 40 + step * columns.length);
  const top = 18;
  // At most about a dozen labels under the axis; the table has every day.
  const labelEvery = Math.ceil(columns.length / 12);
  const base = top + COLUMN_AREA;
  const parts = columns.map((column, i) => {
    const x = 30 + i * step;
    let y = base;
    const rects = column.segments
      .filter((s) => s.value > 0)
      .map((s) => {
        const height = Math.max(2, (s.value / max) * COLUMN_AREA);
        y -= height;
        return svg("rect", { x, y, width: step * 0.7, height, class: `seg ${s.kind}` });
      });
    const total = column.segments.reduce((a, s) => a + s.value, 0);
    return svg(
      "g",
      {},
      ...rects,
      text(column.note ?? number(total), {
        x: x + step * 0.35,
        y: y - 4,
        "text-anchor": "middle",
        class: "note",
      }),
      ...(i % labelEvery === 0 || i === columns.length - 1
        ? [text(column.label, { x: x + step * 0.35, y: base + 14, "text-anchor": "middle" })]
        : []),
    );
  });
  const axis = svg("line", { x1: 24, y1: base, x2: width - 4, y2: base, class: "axis" });
  const chart = svg(
    "svg",
    { viewBox: `0 0 ${width} ${base + 22}`, class: "columns" },
    axis,
    ...parts,
  );
  return figure(
    title,
    chart,
    columns.flatMap((c) => c.segments),
    data,
  );
}
