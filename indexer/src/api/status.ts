/**
 * `GET /api/status`: where indexing stands against the chain, and whether the chain is still the
 * one indexed (another genesis block, a head below the last indexed block, or another block at
 * its height). The page polls it for its footer and banner; `npm run explorer` for its progress.
 */
import { db, publicClients } from "ponder:api";
import { chainInfo, lastBlock } from "ponder:schema";
import { Hono } from "hono";
import { sql } from "ponder";

import { clearResponses, rowsOf } from "./cache";
import { json } from "./http";
import type { Hex } from "./params";

/** How long a chain head read is reused, so that a page polling /api/status costs one RPC call. */
const HEAD_CACHE_MS = 500;

interface Head {
  readonly at: number;
  readonly number: bigint;
  readonly genesisHash: Hex;
}

let head: Head | undefined;
let headError: string | undefined;
let headRead: Promise<void> | undefined;

async function readHead(): Promise<void> {
  const chain = publicClients.tradechain;
  try {
    const [number, genesis] = await Promise.all([
      chain.getBlockNumber({ cacheTime: 0 }),
      head?.genesisHash === undefined || Date.now() - head.at > 5 * HEAD_CACHE_MS
        ? chain.getBlock({ blockNumber: 0n }).then((b) => b.hash as Hex)
        : Promise.resolve(head.genesisHash),
    ]);
    head = { at: Date.now(), number, genesisHash: genesis };
    headError = undefined;
  } catch (err) {
    headError = err instanceof Error ? err.message.split("\n")[0] : String(err);
    head = undefined;
  }
}

async function chainHead(): Promise<Head | undefined> {
  if (head === undefined || Date.now() - head.at > HEAD_CACHE_MS) {
    headRead ??= readHead().finally(() => (headRead = undefined));
    await headRead;
  }
  return head;
}

/** The last block Ponder processed (events or not) and its time: the explorer's "now". */
export interface IndexedAt {
  readonly block: bigint;
  /** The block's timestamp: chain time, by which deadlines and expiries are judged. */
  readonly timestamp: bigint;
}

/** Where indexing stands, from Ponder's checkpoint (timestamp in digits 0-9, block in 26-41). */
export async function indexedAt(): Promise<IndexedAt | null> {
  const rows = rowsOf<{ latest_checkpoint: string }>(
    await db.execute(sql`SELECT latest_checkpoint FROM _ponder_checkpoint LIMIT 1`),
  );
  const checkpoint = rows[0]?.latest_checkpoint;
  if (checkpoint === undefined) return null;
  return { block: BigInt(checkpoint.slice(26, 42)), timestamp: BigInt(checkpoint.slice(0, 10)) };
}

/** Where indexing stands against the chain, and whether the chain is still the one indexed. */
export async function status() {
  const [info, last, at, current] = await Promise.all([
    db.select().from(chainInfo).limit(1),
    db.select().from(lastBlock).limit(1),
    indexedAt(),
    chainHead(),
  ]);
  const indexed = at?.block ?? null;
  const chain = info[0];
  const lastEvent = last[0];
  const problems: string[] = [];
  if (current === undefined) problems.push(`the chain does not answer: ${headError ?? "no reply"}`);
  if (chain !== undefined && current !== undefined && chain.genesisHash !== current.genesisHash) {
    problems.push(
      `the chain was reset: genesis block ${current.genesisHash} is not the indexed ${chain.genesisHash}`,
    );
  }
  if (lastEvent !== undefined && current !== undefined && problems.length === 0) {
    if (current.number < lastEvent.number) {
      problems.push(
        `the chain went back: head ${current.number} is below indexed block ${lastEvent.number}`,
      );
    } else {
      const block = await publicClients.tradechain.getBlock({ blockNumber: lastEvent.number });
      if (block.hash !== lastEvent.hash) {
        problems.push(
          `the chain was rewritten: block ${lastEvent.number} is now ${block.hash}, indexed ${lastEvent.hash}`,
        );
      }
    }
  }
  if (problems.length > 0) clearResponses();
  const headNumber = current?.number ?? null;
  const behind = headNumber !== null && indexed !== null ? headNumber - indexed : null;
  return {
    chainId: chain?.chainId ?? null,
    genesisHash: chain?.genesisHash ?? null,
    contracts: chain === undefined ? null : { escrow: chain.escrow, registry: chain.registry },
    startBlock: chain?.startBlock ?? null,
    indexedBlock: indexed,
    /** The indexed block's time (unix seconds): chain time, for deadlines and expiries. */
    chainTime: at?.timestamp ?? null,
    headBlock: headNumber,
    blocksBehind: behind !== null && behind > 0n ? behind : 0n,
    lastEventBlock: lastEvent?.number ?? null,
    eventsIndexed: lastEvent?.events ?? 0n,
    /** Link for a transaction hash (`{hash}` replaced), from `TRADECHAIN_TX_URL`. */
    txUrl: process.env.TRADECHAIN_TX_URL?.includes("{hash}") ? process.env.TRADECHAIN_TX_URL : null,
    caughtUp: behind !== null && behind <= 0n && problems.length === 0,
    stale: problems.length > 0,
    problems,
    rebuild:
      problems.length > 0
        ? "stop the explorer and start it with a fresh database (see docs/explorer.md)"
        : null,
  };
}

export const statusRoutes = new Hono().get("/", json(status));
