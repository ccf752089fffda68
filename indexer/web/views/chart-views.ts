/**
 * The charts of the home, country and participant pages, each with its table: trade per day and
 * orders by status; a country's trade by HS chapter with customs rejections; a seller's record.
 */
import { api } from "../api";
import { type Bar, barChart, columnChart } from "../charts";
import { hsLink } from "../customs";
import { h, type Json, section, table } from "../dom";
import { badge, type Currency, data, money } from "../format";
import { has, number, t } from "../i18n";

const currencyCode = (c: Json) => String((c.currency as Json | null)?.currency ?? "?");

/** Most columns a per-day chart draws (its table lists every day with data). */
const MAX_COLUMNS = 90;

/**
 * One column per day from the first day with data to the last (at most {@link MAX_COLUMNS}, the
 * latest): days without data are drawn empty, so that the axis reads as time.
 */
function everyDay(
  rows: readonly Json[],
  column: (row: Json | undefined, date: string) => Bar,
): Bar[] {
  if (rows.length === 0) return [];
  const byDay = new Map(rows.map((r) => [Number(r.day), r]));
  const last = Math.max(...byDay.keys());
  const first = Math.max(Math.min(...byDay.keys()), last - MAX_COLUMNS + 1);
  const columns: Bar[] = [];
  for (let day = first; day <= last; day++) {
    columns.push(column(byDay.get(day), new Date(day * 86_400_000).toISOString().slice(5, 10)));
  }
  return columns;
}

/** A whole amount of a currency, for a chart's note (its table has the exact one). */
function amountOf(units: unknown, currency: Currency | null): number {
  if (currency === null) return 0;
  return Number(BigInt(String(units)) / 10n ** BigInt(currency.decimals));
}

/** Orders and volume per day, one chart per currency; orders by status. */
export async function tradeCharts(): Promise<HTMLElement> {
  const c = await api("/api/charts/trade");
  const days = c.days as Json[];
  const statuses = c.statuses as Json[];
  const currencies = [...new Set(days.map(currencyCode))];
  const perCurrency = currencies.map((code) => {
    const rows = days.filter((d) => currencyCode(d) === code);
    const currency = rows[0].currency as Currency | null;
    const columns: Bar[] = rows.map((d) => ({
      label: String(d.date).slice(5),
      segments: [
        { value: amountOf(d.volume, currency), kind: "volume", label: t("credit.volume") },
      ],
      note: number(Number(d.orders)),
    }));
    return columnChart(
      t("chart.volumePerDay", { currency: code }),
      columns,
      table(
        [t("col.date"), t("col.currency"), t("chart.orders"), t("credit.volume")],
        rows.map((d) => [
          data(String(d.date)),
          data(code),
          number(Number(d.orders)),
          money(d.volume, currency),
        ]),
        "chart-data",
      ),
    );
  });
  const statusBars: Bar[] = statuses.map((s) => {
    const key = `status.${String(s.status)}`;
    const label = has(key) ? t(key) : String(s.status);
    return {
      label,
      segments: [
        { value: Number(s.orders), kind: `status-${String(s.status).toLowerCase()}`, label },
      ],
    };
  });
  return section(
    t("chart.trade"),
    days.length === 0 ? h("p", {}, t("home.noOrders")) : h("div", {}, ...perCurrency),
    barChart(
      t("chart.ordersByStatus"),
      statusBars,
      table(
        [t("col.status"), t("chart.orders")],
        statuses.map((s) => [badge(String(s.status)), number(Number(s.orders))]),
        "chart-data",
      ),
    ),
  );
}

/** A country's trade by HS chapter (all currencies' orders together), customs rejections apart. */
export async function countryTradeChart(code: string): Promise<HTMLElement> {
  const c = await api(`/api/charts/countries/${code}`);
  const rows = c.chapters as Json[];
  const name = String(c.country ?? c.jurisdiction);
  const chapters = [...new Set(rows.map((r) => Number(r.chapter)))];
  const chapterLabel = (chapter: number) =>
    chapter === 0
      ? t("chart.unclassified")
      : t("chart.chapter", { chapter: String(chapter).padStart(2, "0") });
  const bars: Bar[] = chapters.map((chapter) => {
    const mine = rows.filter((r) => Number(r.chapter) === chapter);
    const orders = mine.reduce((a, r) => a + Number(r.orders), 0);
    const rejected = mine.reduce((a, r) => a + Number(r.rejectedAtCustoms), 0);
    return {
      label: chapterLabel(chapter),
      segments: [
        { value: orders - rejected, kind: "accepted", label: t("chart.notRejected") },
        { value: rejected, kind: "rejected", label: t("credit.rejectedAtCustoms") },
      ],
    };
  });
  return section(
    t("chart.trade"),
    rows.length === 0
      ? h("p", {}, t("home.noOrders"))
      : barChart(
          t("chart.byChapter", { country: name }),
          bars,
          table(
            [
              t("col.hsPrefix"),
              t("col.currency"),
              t("chart.orders"),
              t("credit.volume"),
              t("credit.rejectedAtCustoms"),
            ],
            rows.map((r) => [
              Number(r.chapter) === 0
                ? t("chart.unclassified")
                : hsLink(String(r.chapter).padStart(2, "0")),
              data(currencyCode(r)),
              number(Number(r.orders)),
              money(r.volume, r.currency as Currency | null),
              number(Number(r.rejectedAtCustoms)),
            ]),
            "chart-data",
          ),
        ),
  );
}

/** The refund causes of a seller's record, in the table's order, with their labels. */
const REFUND_CAUSES = [
  ["cancelled", "credit.cancelledAsBuyer"],
  ["rejectedBySeller", "credit.rejectedAsSeller"],
  ["unshipped", "credit.missedShipBy"],
  ["rejectedAtCustoms", "credit.rejectedAtCustoms"],
  ["sellerRefunds", "credit.refundedAsSeller"],
] as const;

/** A seller's record per day: sales, refunds by cause, disputes; null when they sold nothing. */
export async function sellerRecordChart(address: string): Promise<HTMLElement | null> {
  const c = await api(`/api/charts/sellers/${address}`);
  const days = c.days as Json[];
  if (days.length === 0) return null;
  const count = (d: Json | undefined, field: string) => (d === undefined ? 0 : Number(d[field]));
  const columns = everyDay(days, (d, date) => ({
    label: date,
    segments: [
      { value: count(d, "sales"), kind: "sales", label: t("credit.salesCompleted") },
      ...REFUND_CAUSES.map(([field, key]) => ({
        value: count(d, field),
        kind: `refund-${field}`,
        label: t(key),
      })),
      { value: count(d, "disputes"), kind: "disputes", label: t("credit.disputesOpened") },
    ],
    note: d === undefined ? "" : undefined,
  }));
  return section(
    t("chart.history"),
    columnChart(
      t("chart.sellerRecord"),
      columns,
      table(
        [
          t("col.date"),
          t("credit.salesCompleted"),
          ...REFUND_CAUSES.map(([, key]) => t(key)),
          t("credit.disputesOpened"),
        ],
        days.map((d) => [
          data(String(d.date)),
          number(Number(d.sales)),
          ...REFUND_CAUSES.map(([field]) => number(Number(d[field]))),
          number(Number(d.disputes)),
        ]),
        "chart-data",
      ),
    ),
  );
}
