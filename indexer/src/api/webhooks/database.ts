/**
 * Where the webhooks keep their endpoints and deliveries: the database Ponder indexes into, in
 * Ponder's own schema, in tables of our own (`webhook_endpoint`, `webhook_delivery`) that Ponder
 * neither manages nor undoes on a reorg (it drops only the tables of `ponder.schema.ts`), so an
 * indexer restart keeps them. Ponder's API handle is read-only, so writes go:
 *
 * - on PGlite, through the same embedded database (drizzle's `$client`: there can be only one
 *   instance per directory; PGlite runs each query and transaction alone, after Ponder's);
 * - on Postgres, through a small pool of our own on `DATABASE_URL`.
 *
 * The schema is the one Ponder's read handle is set to (`current_schema()`).
 */
import { db } from "ponder:api";
import { sql as ponderSql } from "ponder";
import pg from "pg";

import { rowsOf } from "../cache";

/** Runs one statement with `$1`… parameters and returns its rows. */
export interface Sql {
  query<T>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** The webhooks' database: statements, transactions, and the schema their tables are in. */
export interface WebhookDatabase extends Sql {
  /** The schema as a quoted SQL identifier. */
  readonly schema: string;
  transaction<R>(work: (tx: Sql) => Promise<R>): Promise<R>;
}

/** Connections of the webhooks' own Postgres pool: admin requests and one dispatcher. */
const POSTGRES_CONNECTIONS = 3;

interface PgliteLike {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<R>(
    work: (tx: {
      query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
    }) => Promise<R>,
  ): Promise<R>;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Opens the webhooks' database and creates its tables when they are missing. */
export async function openWebhookDatabase(
  databaseUrl: string | undefined,
): Promise<WebhookDatabase> {
  const rows = rowsOf<{ schema: string }>(
    await db.execute(ponderSql`SELECT current_schema() AS schema`),
  );
  const name = rows[0]?.schema;
  if (name === undefined || name === null) throw new Error("webhooks: no current schema");
  const schema = quote(name);
  let database: WebhookDatabase;
  if (databaseUrl !== undefined && databaseUrl !== "") {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: POSTGRES_CONNECTIONS,
      application_name: "tradechain_webhooks",
    });
    // An idle connection that fails is dropped by the pool; the next query opens another.
    pool.on("error", () => undefined);
    database = {
      schema,
      query: async <T>(text: string, params: readonly unknown[] = []) =>
        (await pool.query(text, [...params])).rows as T[],
      transaction: async (work) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work({
            query: async <T>(text: string, params: readonly unknown[] = []) =>
              (await client.query(text, [...params])).rows as T[],
          });
          await client.query("COMMIT");
          return result;
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
    };
  } else {
    const pglite = (db as unknown as { $client?: PgliteLike }).$client;
    if (pglite === undefined || typeof pglite.transaction !== "function") {
      throw new Error("webhooks: Ponder's database handle has no PGlite instance to write to");
    }
    database = {
      schema,
      query: async <T>(text: string, params: readonly unknown[] = []) =>
        (await pglite.query<T>(text, [...params])).rows,
      transaction: (work) =>
        pglite.transaction((tx) =>
          work({
            query: async <T>(text: string, params: readonly unknown[] = []) =>
              (await tx.query<T>(text, [...params])).rows,
          }),
        ),
    };
  }
  await createTables(database);
  return database;
}

/**
 * The tables, created once (idempotent). Times are unix milliseconds; `cursor_block` is the last
 * block whose outbox rows were matched to the endpoint (`from_block - 1` at first).
 */
async function createTables(database: WebhookDatabase): Promise<void> {
  const s = database.schema;
  await database.transaction(async (tx) => {
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.webhook_endpoint (
      id text PRIMARY KEY,
      url text NOT NULL,
      secret text NOT NULL,
      kinds text[] NOT NULL,
      accounts text[] NOT NULL,
      order_ids text[] NOT NULL,
      from_block bigint NOT NULL,
      cursor_block bigint NOT NULL,
      created_at bigint NOT NULL
    )`);
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.webhook_delivery (
      endpoint_id text NOT NULL REFERENCES ${s}.webhook_endpoint (id) ON DELETE CASCADE,
      event_id text NOT NULL,
      block_number bigint NOT NULL,
      log_index integer NOT NULL,
      state text NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at bigint NOT NULL,
      last_status integer,
      last_error text,
      last_attempt_at bigint,
      done_at bigint,
      PRIMARY KEY (endpoint_id, event_id)
    )`);
    await tx.query(
      `CREATE INDEX IF NOT EXISTS webhook_delivery_due ON ${s}.webhook_delivery ` +
        `(state, next_attempt_at)`,
    );
  });
}
