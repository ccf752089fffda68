/**
 * Responses kept in memory per (route, id) for as long as the indexed data stays the same. The
 * index key names the data's snapshot; it is read in the same statement as a response's data, so a
 * kept response is exactly what a fresh read would give.
 */
import { db } from "ponder:api";
import { lastBlock } from "ponder:schema";
import { sql } from "ponder";

import type { RawJson } from "./http";
import type { Hex } from "./params";

/**
 * What the indexed data is at, as one SQL expression: Ponder's checkpoint (the last block
 * processed) and the hash of the last block with an event. Any new block, revert or reorg changes
 * it. Read in the same statement as a response's data, it names that data's snapshot exactly.
 */
export const INDEX_KEY = sql<string>`(SELECT c.latest_checkpoint || ':' || coalesce(
  (SELECT ${lastBlock.hash} FROM ${lastBlock} LIMIT 1), '') FROM _ponder_checkpoint c LIMIT 1)`;

/** The rows of `db.execute` (an array on PGlite, `{rows}` on Postgres). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

async function readIndexKey(): Promise<string> {
  const rows = rowsOf<{ key: string | null }>(await db.execute(sql`SELECT ${INDEX_KEY} AS key`));
  return rows[0]?.key ?? "";
}

let keyRead: Promise<string> | undefined;
let nextKeyRead: Promise<string> | undefined;

/**
 * The index key as of a read that started after this call: concurrent callers share one read
 * (those arriving while a read is under way share the next one), so a burst costs two reads.
 */
function indexKey(): Promise<string> {
  if (keyRead === undefined) {
    keyRead = readIndexKey().finally(() => (keyRead = undefined));
    return keyRead;
  }
  nextKeyRead ??= keyRead
    .catch(() => undefined)
    .then(() => {
      nextKeyRead = undefined;
      return indexKey();
    });
  return nextKeyRead;
}

/** Most responses kept; the oldest goes first. */
const CACHE_ENTRIES = 10_000;
const responses = new Map<string, RawJson>();
let responsesKey = "";

/** Forgets every kept response (the status check does when the chain is not the one indexed). */
export function clearResponses(): void {
  responses.clear();
  responsesKey = "";
}

/** A response and the index key of the snapshot it was read from. */
export interface Keyed {
  readonly key: string;
  readonly body: RawJson;
}

/**
 * A response kept per (route, id) while the index key stays the same. A hit is served only after a
 * fresh key read (shared by concurrent callers) equals the key it was stored under; a miss costs
 * the one statement that reads the data with its own key, so it waits for nothing else. A new
 * block, a revert or a reorg changes the key and empties the cache.
 */
export async function cached(
  name: string,
  id: string,
  compute: (id: Hex) => Promise<Keyed>,
): Promise<RawJson> {
  const slot = `${name}:${id}`;
  if (responses.has(slot)) {
    const key = await indexKey();
    const hit = responses.get(slot);
    if (key === responsesKey && hit !== undefined) return hit;
  }
  const { key, body } = await compute(id as Hex);
  if (key === "") return body;
  if (key !== responsesKey) {
    responses.clear();
    responsesKey = key;
  }
  if (responses.size >= CACHE_ENTRIES) responses.delete(responses.keys().next().value as string);
  responses.set(slot, body);
  return body;
}
