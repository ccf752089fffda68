/**
 * The webhooks' statements: endpoints (register, list, remove), matching final outbox rows to
 * endpoints, claiming due deliveries and recording each attempt. Every statement that decides
 * what is final reads Ponder's checkpoint in the same statement as the outbox, so both come from
 * one snapshot of the database.
 */
import type { Sql, WebhookDatabase } from "./database";

/** A delivery's state: waiting (first or next attempt), sent (2xx), given up, or never to be sent. */
export const DELIVERY_STATES = ["pending", "delivered", "failed", "dropped"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What an endpoint receives: empty lists match everything. */
export interface EndpointFilter {
  readonly kinds: readonly string[];
  /** Lower-case addresses: an order matches when one is its buyer, seller or arbiter. */
  readonly accounts: readonly string[];
  /** Lower-case order ids. */
  readonly orderIds: readonly string[];
}

export interface NewEndpoint extends EndpointFilter {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly fromBlock: bigint;
  readonly createdAt: number;
}

/** An endpoint as the admin list shows it (never its secret). */
export interface EndpointSummary extends EndpointFilter {
  readonly id: string;
  readonly url: string;
  readonly fromBlock: string;
  /** The last block whose final events were matched to the endpoint. */
  readonly matchedThrough: string;
  readonly createdAt: string;
  readonly deliveries: Record<DeliveryState, number>;
}

export interface DeliveryRow {
  readonly eventId: string;
  readonly blockNumber: string;
  readonly logIndex: number;
  readonly state: DeliveryState;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
  readonly lastAttemptAt: string | null;
  readonly doneAt: string | null;
}

/** A delivery claimed for an attempt, with its endpoint and its outbox row (null: gone). */
export interface ClaimedDelivery {
  readonly endpointId: string;
  readonly eventId: string;
  readonly attempts: number;
  readonly url: string;
  readonly secret: string;
  /** The last block whose events are final now (the indexed head minus the confirmations). */
  readonly finalBlock: bigint;
  /** The last block Ponder will never revert (its finality, not our confirmations). */
  readonly ponderFinalizedBlock: bigint;
  readonly blockNumber: bigint;
  readonly event: OutboxEvent | null;
}

/** An outbox row, as the dispatcher sends it. */
export interface OutboxEvent {
  readonly id: string;
  readonly kind: string;
  readonly orderId: string;
  readonly status: string;
  readonly chainId: number;
  readonly blockNumber: string;
  readonly blockHash: string;
  readonly logIndex: number;
  readonly txHash: string;
  readonly timestamp: string;
  readonly actor: string | null;
  readonly buyer: string;
  readonly seller: string;
  readonly arbiter: string;
  readonly token: string;
  readonly amount: string;
  readonly escrowed: string;
  readonly released: string;
  readonly refunded: string;
  readonly fees: string;
  readonly escrow: string;
  /** A cross-currency order's payout leg; null for another order. */
  readonly fxProvider: string | null;
  readonly payoutToken: string | null;
  readonly payoutAmount: string | null;
  readonly args: Record<string, string | boolean>;
}

/** A block number of Ponder's checkpoint table (`latest_…`, `finalized_…`: digits 27-42), as SQL. */
const checkpointBlock = (s: string, column: "latest_checkpoint" | "finalized_checkpoint") =>
  `(SELECT max(substring(${column} from 27 for 16)::bigint) FROM ${s}._ponder_checkpoint)`;

/**
 * The indexed head's block number as SQL, null while Ponder is not ready: after a restart Ponder
 * reverts the rows of unfinalized blocks (crash recovery) in the transaction that sets `is_ready`
 * to 0, and moves its checkpoint back only later, so until it is ready again the checkpoint names
 * blocks whose rows are not there. Read in the same statement as the outbox, it is consistent.
 */
const indexedHead = (s: string) =>
  `(CASE WHEN (SELECT (value ->> 'is_ready')::int FROM ${s}._ponder_meta WHERE key = 'app') = 1
     THEN ${checkpointBlock(s, "latest_checkpoint")} END)`;

/** The last block Ponder processed, ready or not (null before it wrote a checkpoint). */
export async function indexedBlock(database: WebhookDatabase): Promise<bigint | null> {
  const rows = await database.query<{ head: string | null }>(
    `SELECT ${checkpointBlock(database.schema, "latest_checkpoint")}::text AS head`,
  );
  const head = rows[0]?.head;
  return head === null || head === undefined ? null : BigInt(head);
}

export async function insertEndpoint(database: WebhookDatabase, e: NewEndpoint): Promise<void> {
  await database.query(
    `INSERT INTO ${database.schema}.webhook_endpoint
       (id, url, secret, kinds, accounts, order_ids, from_block, cursor_block, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      e.id,
      e.url,
      e.secret,
      e.kinds,
      e.accounts,
      e.orderIds,
      e.fromBlock.toString(),
      (e.fromBlock - 1n).toString(),
      e.createdAt,
    ],
  );
}

/** Removes an endpoint and its deliveries; false when there was none. */
export async function deleteEndpoint(database: WebhookDatabase, id: string): Promise<boolean> {
  const rows = await database.query<{ id: string }>(
    `DELETE FROM ${database.schema}.webhook_endpoint WHERE id = $1 RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

export async function endpointExists(database: WebhookDatabase, id: string): Promise<boolean> {
  const rows = await database.query<{ id: string }>(
    `SELECT id FROM ${database.schema}.webhook_endpoint WHERE id = $1`,
    [id],
  );
  return rows.length > 0;
}

/** Every endpoint, oldest first, with its deliveries counted by state. */
export async function listEndpoints(database: WebhookDatabase): Promise<EndpointSummary[]> {
  const s = database.schema;
  const rows = await database.query<{
    id: string;
    url: string;
    kinds: string[];
    accounts: string[];
    order_ids: string[];
    from_block: string;
    cursor_block: string;
    created_at: string;
    pending: number;
    delivered: number;
    failed: number;
    dropped: number;
  }>(
    `SELECT e.id, e.url, e.kinds, e.accounts, e.order_ids, e.from_block::text AS from_block,
       e.cursor_block::text AS cursor_block, e.created_at::text AS created_at,
       (count(*) FILTER (WHERE d.state = 'pending'))::int AS pending,
       (count(*) FILTER (WHERE d.state = 'delivered'))::int AS delivered,
       (count(*) FILTER (WHERE d.state = 'failed'))::int AS failed,
       (count(*) FILTER (WHERE d.state = 'dropped'))::int AS dropped
     FROM ${s}.webhook_endpoint e LEFT JOIN ${s}.webhook_delivery d ON d.endpoint_id = e.id
     GROUP BY e.id ORDER BY e.created_at, e.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    kinds: r.kinds,
    accounts: r.accounts,
    orderIds: r.order_ids,
    fromBlock: r.from_block,
    matchedThrough: r.cursor_block,
    createdAt: r.created_at,
    deliveries: {
      pending: r.pending,
      delivered: r.delivered,
      failed: r.failed,
      dropped: r.dropped,
    },
  }));
}

/** An endpoint's deliveries, newest event first, optionally of one state. */
export async function listDeliveries(
  database: WebhookDatabase,
  endpointId: string,
  state: DeliveryState | undefined,
  limit: number,
  offset: number,
): Promise<DeliveryRow[]> {
  const rows = await database.query<{
    event_id: string;
    block_number: string;
    log_index: number;
    state: DeliveryState;
    attempts: number;
    next_attempt_at: string;
    last_status: number | null;
    last_error: string | null;
    last_attempt_at: string | null;
    done_at: string | null;
  }>(
    `SELECT event_id, block_number::text AS block_number, log_index, state, attempts,
       next_attempt_at::text AS next_attempt_at, last_status, last_error,
       last_attempt_at::text AS last_attempt_at, done_at::text AS done_at
     FROM ${database.schema}.webhook_delivery
     WHERE endpoint_id = $1 AND ($2::text IS NULL OR state = $2)
     ORDER BY block_number DESC, log_index DESC LIMIT $3 OFFSET $4`,
    [endpointId, state ?? null, limit, offset],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    blockNumber: r.block_number,
    logIndex: r.log_index,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.state === "pending" ? r.next_attempt_at : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    doneAt: r.done_at,
  }));
}

/**
 * Matches the outbox rows that became final since each endpoint's cursor (block numbers in
 * (cursor, head - confirmations], at or above the endpoint's first block) to the endpoints whose
 * filter they pass, as pending deliveries, and moves the cursors. One statement: a row is matched
 * once per endpoint whatever runs it again (a restart, a second dispatcher on the same database).
 * Returns how many deliveries were added.
 */
export async function matchFinalEvents(
  database: WebhookDatabase,
  confirmations: number,
  now: number,
): Promise<number> {
  const s = database.schema;
  const rows = await database.query<{ added: number }>(
    `WITH final AS (SELECT ${indexedHead(s)} - $1::bigint AS block),
     added AS (
       INSERT INTO ${s}.webhook_delivery
         (endpoint_id, event_id, block_number, log_index, state, attempts, next_attempt_at)
       SELECT e.id, o.id, o.block_number, o.log_index, 'pending', 0, $2
       FROM ${s}.webhook_endpoint e, final f, ${s}.webhook_outbox o
       WHERE o.block_number > e.cursor_block AND o.block_number <= f.block
         AND (cardinality(e.kinds) = 0 OR o.kind = ANY (e.kinds))
         AND (cardinality(e.accounts) = 0 OR lower(o.buyer) = ANY (e.accounts)
              OR lower(o.seller) = ANY (e.accounts) OR lower(o.arbiter) = ANY (e.accounts))
         AND (cardinality(e.order_ids) = 0 OR lower(o.order_id) = ANY (e.order_ids))
       ON CONFLICT DO NOTHING
       RETURNING 1
     ),
     moved AS (
       UPDATE ${s}.webhook_endpoint e SET cursor_block = f.block FROM final f
       WHERE f.block IS NOT NULL AND e.cursor_block < f.block
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM added)::int AS added, (SELECT count(*) FROM moved)::int AS moved`,
    [confirmations, now],
  );
  return rows[0]?.added ?? 0;
}

/**
 * Claims up to `limit` due deliveries for an attempt: their next attempt moves to `leaseUntil`, so
 * another dispatcher skips them, and a process that dies while sending leaves them to be tried
 * again after the lease. Returns each with its endpoint and outbox row, read in one snapshot with
 * the indexed head.
 */
export async function claimDue(
  database: WebhookDatabase,
  confirmations: number,
  now: number,
  leaseUntil: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const s = database.schema;
  return database.transaction(async (tx: Sql) => {
    const rows = await tx.query<{
      endpoint_id: string;
      event_id: string;
      attempts: number;
      url: string;
      secret: string;
      final_block: string | null;
      finalized_block: string | null;
      block_number: string;
      event: OutboxEvent | null;
    }>(
      `WITH due AS (
         SELECT endpoint_id, event_id FROM ${s}.webhook_delivery
         WHERE state = 'pending' AND next_attempt_at <= $1 AND ${indexedHead(s)} IS NOT NULL
         ORDER BY block_number, log_index LIMIT $3 FOR UPDATE SKIP LOCKED
       ),
       claimed AS (
         UPDATE ${s}.webhook_delivery d SET next_attempt_at = $2 FROM due
         WHERE d.endpoint_id = due.endpoint_id AND d.event_id = due.event_id
         RETURNING d.endpoint_id, d.event_id, d.attempts, d.block_number
       )
       SELECT c.endpoint_id, c.event_id, c.attempts, e.url, e.secret,
         (${indexedHead(s)} - $4::bigint)::text AS final_block,
         ${checkpointBlock(s, "finalized_checkpoint")}::text AS finalized_block,
         c.block_number::text AS block_number,
         CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object(
           'id', o.id, 'kind', o.kind, 'orderId', o.order_id, 'status', o.status,
           'chainId', o.chain_id, 'blockNumber', o.block_number::text, 'blockHash', o.block_hash,
           'logIndex', o.log_index, 'txHash', o.tx_hash, 'timestamp', o.timestamp::text,
           'actor', o.actor, 'buyer', o.buyer, 'seller', o.seller, 'arbiter', o.arbiter,
           'token', o.token, 'amount', o.amount::text, 'escrowed', o.escrowed::text,
           'released', o.released::text, 'refunded', o.refunded::text, 'fees', o.fees::text,
           'escrow', o.escrow, 'fxProvider', o.fx_provider, 'payoutToken', o.payout_token,
           'payoutAmount', o.payout_amount::text, 'args', o.args) END AS event
       FROM claimed c JOIN ${s}.webhook_endpoint e ON e.id = c.endpoint_id
       LEFT JOIN ${s}.webhook_outbox o ON o.id = c.event_id`,
      [now, leaseUntil, limit, confirmations],
    );
    return rows.map((r) => ({
      endpointId: r.endpoint_id,
      eventId: r.event_id,
      attempts: r.attempts,
      url: r.url,
      secret: r.secret,
      finalBlock: r.final_block === null ? -1n : BigInt(r.final_block),
      ponderFinalizedBlock: r.finalized_block === null ? -1n : BigInt(r.finalized_block),
      blockNumber: BigInt(r.block_number),
      event: typeof r.event === "string" ? (JSON.parse(r.event) as OutboxEvent) : r.event,
    }));
  });
}

/** What one attempt came to. */
export type Outcome =
  | { readonly kind: "delivered"; readonly status: number }
  | {
      readonly kind: "retry";
      readonly status: number | null;
      readonly error: string;
      readonly at: number;
    }
  | { readonly kind: "failed"; readonly status: number | null; readonly error: string }
  | { readonly kind: "dropped"; readonly error: string }
  | { readonly kind: "later"; readonly at: number };

/** Records an attempt's outcome (`later`: not attempted, the event is not final now). */
export async function recordOutcome(
  database: WebhookDatabase,
  d: Pick<ClaimedDelivery, "endpointId" | "eventId">,
  outcome: Outcome,
  now: number,
): Promise<void> {
  const s = database.schema;
  const key = [d.endpointId, d.eventId];
  const where = `WHERE endpoint_id = $1 AND event_id = $2 AND state = 'pending'`;
  switch (outcome.kind) {
    case "delivered":
      await database.query(
        `UPDATE ${s}.webhook_delivery SET state = 'delivered', attempts = attempts + 1,
           last_status = $3, last_error = NULL, last_attempt_at = $4, done_at = $4 ${where}`,
        [...key, outcome.status, now],
      );
      return;
    case "retry":
      await database.query(
        `UPDATE ${s}.webhook_delivery SET attempts = attempts + 1, last_status = $3,
           last_error = $4, last_attempt_at = $5, next_attempt_at = $6 ${where}`,
        [...key, outcome.status, outcome.error, now, outcome.at],
      );
      return;
    case "failed":
      await database.query(
        `UPDATE ${s}.webhook_delivery SET state = 'failed', attempts = attempts + 1,
           last_status = $3, last_error = $4, last_attempt_at = $5, done_at = $5 ${where}`,
        [...key, outcome.status, outcome.error, now],
      );
      return;
    case "dropped":
      await database.query(
        `UPDATE ${s}.webhook_delivery SET state = 'dropped', last_error = $3, done_at = $4
         ${where}`,
        [...key, outcome.error, now],
      );
      return;
    case "later":
      await database.query(`UPDATE ${s}.webhook_delivery SET next_attempt_at = $3 ${where}`, [
        ...key,
        outcome.at,
      ]);
      return;
  }
}
