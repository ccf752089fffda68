/**
 * Aligned plain-text tables for people (demo, load, bench, CLI): a header, a rule, and one line
 * per row, numbers right-aligned. Shared by `tasks/` and `scripts/`.
 */

/** How a column is aligned. */
export type Align = "left" | "right";

/** A column of a table. */
export interface Column {
  readonly title: string;
  readonly align?: Align;
}

/** Renders `rows` under `columns` as lines of text, each cell padded to the column's width. */
export function renderTable(
  columns: readonly (Column | string)[],
  rows: readonly (readonly string[])[],
  indent = "  ",
): string {
  const cols: Column[] = columns.map((c) => (typeof c === "string" ? { title: c } : c));
  const widths = cols.map((col, i) =>
    Math.max([...col.title].length, ...rows.map((row) => [...(row[i] ?? "")].length)),
  );
  const pad = (text: string, i: number) => {
    const gap = " ".repeat(widths[i] - [...text].length);
    return cols[i].align === "right" ? gap + text : text + gap;
  };
  const line = (cells: readonly string[]) =>
    indent +
    cols
      .map((_, i) => pad(cells[i] ?? "", i))
      .join("  ")
      .trimEnd();
  return [
    line(cols.map((c) => c.title)),
    indent + widths.map((w) => "─".repeat(w)).join("  "),
    ...rows.map(line),
  ].join("\n");
}
