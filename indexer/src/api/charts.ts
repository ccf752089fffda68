/**
 * The charts' data, read by key from the tables the handlers keep (`src/charts.ts`):
 *
 * - `GET /api/charts/trade`: orders and volume per day and currency (the last 90 days with
 *   trade), and orders per status;
 * - `GET /api/charts/countries/:country`: trade into a country by HS chapter and currency, with
 *   customs rejections;
 * - `GET /api/charts/sellers/:address`: a seller's record per day (sales, refunds by cause,
 *   disputes).
 */
import { db } from "ponder:api";
import { chapterTrade, dailyTrade, sellerDay, statusCount } from "ponder:schema";
import { Hono } from "hono";
import { asc, desc, eq } from "ponder";

import { json } from "./http";
import { address, alpha2, jurisdiction, param } from "./params";
import { currencyOf, tokensByAddress } from "./tokens";

/** Most days a chart shows (the latest ones with trade). */
const MAX_DAYS = 90;

/** A unix day as an ISO date (`2026-12-14`). */
const dateOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

async function trade() {
  const [days, statuses] = await Promise.all([
    db
      .select()
      .from(dailyTrade)
      .orderBy(desc(dailyTrade.day))
      .limit(MAX_DAYS * 4),
    db.select().from(statusCount).orderBy(asc(statusCount.id)),
  ]);
  const recent = [...new Set(days.map((d) => d.day))].slice(0, MAX_DAYS);
  const kept = days.filter((d) => recent.includes(d.day)).reverse();
  const tokens = await tokensByAddress(kept.map((d) => d.token));
  return {
    days: kept.map((d) => ({
      day: d.day,
      date: dateOf(d.day),
      currency: currencyOf(tokens.get(d.token.toLowerCase())),
      orders: d.orders,
      volume: d.volume,
    })),
    statuses: statuses.filter((s) => s.orders > 0).map((s) => ({ status: s.id, orders: s.orders })),
  };
}

async function countryTrade(code: number) {
  const rows = await db
    .select()
    .from(chapterTrade)
    .where(eq(chapterTrade.jurisdiction, code))
    .orderBy(asc(chapterTrade.chapter));
  const tokens = await tokensByAddress(rows.map((r) => r.token));
  return {
    jurisdiction: code,
    country: alpha2(code),
    chapters: rows.map((r) => ({
      chapter: r.chapter,
      currency: currencyOf(tokens.get(r.token.toLowerCase())),
      orders: r.orders,
      volume: r.volume,
      rejectedAtCustoms: r.rejectedAtCustoms,
    })),
  };
}

async function sellerRecord(seller: `0x${string}`) {
  const rows = await db
    .select()
    .from(sellerDay)
    .where(eq(sellerDay.seller, seller))
    .orderBy(desc(sellerDay.day))
    .limit(MAX_DAYS);
  return {
    seller,
    days: rows
      .reverse()
      .map(({ id: _id, seller: _seller, ...r }) => ({ ...r, date: dateOf(r.day) })),
  };
}

export const chartRoutes = new Hono()
  .get("/trade", json(trade))
  .get(
    "/countries/:country",
    json((c) => countryTrade(jurisdiction(param(c, "country")))),
  )
  .get(
    "/sellers/:address",
    json((c) => sellerRecord(address(param(c, "address")))),
  );
