/**
 * Aligned plain-text tables for people (demo, load, bench, CLI): a header, a rule, and one line
 * per row, numbers right-aligned. A table wider than the terminal budget (120 columns) narrows
 * its `wrap` columns and continues their text on extra lines. Shared by `tasks/` and `scripts/`.
 */

/** The widest line a table prints, indent included (terminal output stays within 120 columns). */
export const MAX_LINE_WIDTH = 120;

/** A wrapped column is never made narrower than this. */
const MIN_WRAP_WIDTH = 16;

/** How a column is aligned. */
export type Align = "left" | "right";

/** A column of a table. */
export interface Column {
  readonly title: string;
  readonly align?: Align;
  /** The column's text may continue on further lines when the table would be too wide. */
  readonly wrap?: boolean;
}

/** Number of characters (code points) of `text`. */
const width = (text: string) => [...text].length;

/** Splits `text` into lines of at most `max` characters, at spaces where it can. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let rest = word;
    while (width(rest) > max) {
      // a word longer than a line (an id) is cut where the line ends
      if (line !== "") lines.push(line);
      const chars = [...rest];
      lines.push(chars.slice(0, max).join(""));
      rest = chars.slice(max).join("");
      line = "";
    }
    if (line === "") line = rest;
    else if (width(line) + 1 + width(rest) <= max) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Renders `rows` under `columns` as lines of text, each cell padded to the column's width. When
 * the widest line would exceed `maxWidth`, the `wrap` columns are narrowed to a common width (not
 * below 16 characters or their title) and their cells continue on the next lines.
 */
export function renderTable(
  columns: readonly (Column | string)[],
  rows: readonly (readonly string[])[],
  indent = "  ",
  maxWidth = MAX_LINE_WIDTH,
): string {
  const cols: Column[] = columns.map((c) => (typeof c === "string" ? { title: c } : c));
  const widths = cols.map((col, i) =>
    Math.max(width(col.title), ...rows.map((row) => width(row[i] ?? ""))),
  );
  const fixed = cols.reduce((sum, col, i) => (col.wrap === true ? sum : sum + widths[i]), 0);
  const budget = maxWidth - width(indent) - 2 * (cols.length - 1) - fixed;
  const wrapping = cols.map((col, i) => (col.wrap === true ? i : -1)).filter((i) => i >= 0);
  const natural = wrapping.map((i) => widths[i]);
  const floor = (i: number) => Math.max(MIN_WRAP_WIDTH, width(cols[i].title));
  // cap every wrap column at the largest common width that fits the budget (never below its floor)
  for (let cap = Math.max(0, ...natural); cap > 0; cap--) {
    const capped = wrapping.map((i, k) => Math.min(natural[k], Math.max(cap, floor(i))));
    const used = capped.reduce((sum, w) => sum + w, 0);
    wrapping.forEach((i, k) => (widths[i] = capped[k]));
    if (used <= budget) break;
  }
  const pad = (text: string, i: number) => {
    const gap = " ".repeat(Math.max(0, widths[i] - width(text)));
    return cols[i].align === "right" ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]) =>
    indent +
    cols
      .map((_, i) => pad(cells[i] ?? "", i))
      .join("  ")
      .trimEnd();
  const rowLines = (row: readonly string[]) => {
    const cells = cols.map((col, i) =>
      col.wrap === true ? wrapText(row[i] ?? "", widths[i]) : [row[i] ?? ""],
    );
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => line(cells.map((c) => c[k] ?? "")));
  };
  return [
    line(cols.map((c) => c.title)),
    indent + widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.flatMap(rowLines),
  ].join("\n");
}
