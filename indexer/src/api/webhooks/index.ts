/**
 * Webhooks from the explorer (docs/explorer.md, "Webhooks"): the admin routes and the dispatcher,
 * both over the webhooks' tables in Ponder's database. Handlers only write the outbox
 * (`src/outbox.ts`); everything that leaves the process starts here.
 */
import type { Hono } from "hono";

import { openWebhookDatabase, type WebhookDatabase } from "./database";
import { webhookAdminRoutes } from "./admin";
import { type Dispatcher, startDispatcher } from "./dispatcher";
import { webhookSettings } from "./settings";

const settings = webhookSettings(process.env);

let opening: Promise<WebhookDatabase> | undefined;

/** The webhooks' database, opened once (a failed opening is tried again on the next call). */
function database(): Promise<WebhookDatabase> {
  opening ??= openWebhookDatabase(process.env.DATABASE_URL?.trim()).catch((err: unknown) => {
    opening = undefined;
    throw err;
  });
  return opening;
}

/** The dispatcher of this process (one; a reloaded API module stops the last one first). */
const running = globalThis as { tradechainWebhooks?: Dispatcher };

/** Starts the dispatcher (unless `TRADECHAIN_WEBHOOKS=off`) and returns the admin routes. */
export function webhooks(adminToken: string | undefined): Hono {
  void running.tradechainWebhooks?.stop();
  running.tradechainWebhooks = settings.enabled
    ? startDispatcher(database, settings, (message) => console.warn(message))
    : undefined;
  return webhookAdminRoutes(adminToken, database);
}
