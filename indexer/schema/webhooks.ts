/** The webhooks' table (re-exported by `ponder.schema.ts`). */
import { index, onchainTable } from "ponder";

/**
 * The webhooks' outbox: one row per order event, written by the handlers (`src/outbox.ts`) and
 * undone with the rest by Ponder on a reorg. The dispatcher (`src/api/webhooks/`) reads it outside
 * the handlers and sends a row only once its block is final by the configured confirmations.
 */
export const webhookOutbox = onchainTable(
  "webhook_outbox",
  (t) => ({
    /** The event id receivers dedupe by: `<chainId>:<txHash>:<logIndex>`. */
    id: t.text().primaryKey(),
    kind: t.text().notNull(),
    orderId: t.hex().notNull(),
    /** The order's status after the event. */
    status: t.text().notNull(),
    buyer: t.hex().notNull(),
    seller: t.hex().notNull(),
    arbiter: t.hex().notNull(),
    token: t.hex().notNull(),
    actor: t.hex(),
    args: t.json().$type<Record<string, string | boolean>>().notNull(),
    /** The order's money after the event. */
    amount: t.bigint().notNull(),
    escrowed: t.bigint().notNull(),
    released: t.bigint().notNull(),
    refunded: t.bigint().notNull(),
    fees: t.bigint().notNull(),
    /** The escrow holding the order (`TradeEscrow`, or `TradeFxEscrow` for a cross-currency one). */
    escrow: t.hex().notNull(),
    /**
     * A cross-currency order's payout leg (null for another order): its FX provider, the seller's
     * currency and the leg; `released` and `fees` are then in that currency.
     */
    fxProvider: t.hex(),
    payoutToken: t.hex(),
    payoutAmount: t.bigint(),
    chainId: t.integer().notNull(),
    blockNumber: t.bigint().notNull(),
    blockHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    txHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({ chainOrderIdx: index().on(table.blockNumber, table.logIndex) }),
);
