/**
 * The webhooks' admin API (`/api/admin/webhooks`), for the explorer's operator only: every request
 * carries `Authorization: Bearer <TRADECHAIN_ADMIN_TOKEN>` (401 without it or with another); with
 * no token configured the API is off (403 `admin_disabled`). Register an endpoint (its secret is
 * made here and shown once), list the endpoints with their deliveries counted by state, list an
 * endpoint's deliveries (failed ones with their last status and error), remove one.
 */
import { randomBytes } from "node:crypto";

import { type Context, Hono } from "hono";

import { ORDER_EVENT_KINDS } from "../../outbox";
import { isAdmin } from "../guard";
import { badRequest, HttpError, notFound, refuse, toJson } from "../http";
import { ADDRESS, BYTES32, page } from "../params";
import type { WebhookDatabase } from "./database";
import {
  DELIVERY_STATES,
  type DeliveryState,
  deleteEndpoint,
  endpointExists,
  indexedBlock,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  type NewEndpoint,
} from "./store";

/** The longest URL an endpoint may have. */
const MAX_URL_LENGTH = 2_048;
/** Most entries of each filter list. */
const MAX_FILTER_ENTRIES = 100;
const FIELDS = ["url", "events", "accounts", "orderIds", "fromBlock"];

/** A JSON answer with a status (admin requests are few: no need for `http.ts`'s fast path). */
function answer(c: Context, value: unknown, status: 200 | 201 = 200): Response {
  return c.body(toJson(value), status, { "content-type": "application/json; charset=utf-8" });
}

function list(body: Record<string, unknown>, field: string, check: (v: string) => boolean) {
  const value = body[field];
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_FILTER_ENTRIES) {
    throw badRequest(
      `invalid_${field}`,
      `${field} must be a list of at most ${MAX_FILTER_ENTRIES} entries, got ${toJson(value)}`,
    );
  }
  for (const entry of value) {
    if (typeof entry !== "string" || !check(entry)) {
      throw badRequest(`invalid_${field}`, `${field} has ${toJson(entry)}, which is not one`);
    }
  }
  return [...new Set(value as string[])];
}

/** Reads a registration: every field checked, a 400 naming the first that is wrong. */
export function readRegistration(body: unknown): Omit<
  NewEndpoint,
  "id" | "secret" | "createdAt" | "fromBlock"
> & {
  fromBlock: bigint | undefined;
} {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest("invalid_body", `the body must be a JSON object with ${FIELDS.join(", ")}`);
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).find((key) => !FIELDS.includes(key));
  if (unknown !== undefined) {
    throw badRequest(
      "unknown_field",
      `unknown field ${unknown}: the fields are ${FIELDS.join(", ")}`,
    );
  }
  if (fields.url === undefined) throw badRequest("missing_url", "url is required");
  let url: URL | undefined;
  try {
    url = typeof fields.url === "string" ? new URL(fields.url) : undefined;
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    !["http:", "https:"].includes(url.protocol) ||
    (fields.url as string).length > MAX_URL_LENGTH
  ) {
    throw badRequest(
      "invalid_url",
      `url must be an http or https URL of at most ${MAX_URL_LENGTH} characters, got ` +
        toJson(fields.url),
    );
  }
  const kinds = list(fields, "events", (k) => (ORDER_EVENT_KINDS as readonly string[]).includes(k));
  const accounts = list(fields, "accounts", (a) => ADDRESS.test(a)).map((a) => a.toLowerCase());
  const orderIds = list(fields, "orderIds", (o) => BYTES32.test(o)).map((o) => o.toLowerCase());
  let fromBlock: bigint | undefined;
  if (fields.fromBlock !== undefined) {
    const text = String(fields.fromBlock);
    if (!["string", "number"].includes(typeof fields.fromBlock) || !/^\d{1,18}$/.test(text)) {
      throw badRequest(
        "invalid_fromBlock",
        `fromBlock must be a block number, got ${toJson(fields.fromBlock)}`,
      );
    }
    fromBlock = BigInt(text);
  }
  return { url: url.toString(), kinds, accounts, orderIds, fromBlock };
}

/** The admin routes over the webhooks' database (opened on first use). */
export function webhookAdminRoutes(
  adminToken: string | undefined,
  database: () => Promise<WebhookDatabase>,
): Hono {
  const guarded =
    (work: (c: Context, db: WebhookDatabase) => Promise<Response>) => async (c: Context) => {
      try {
        if (adminToken === undefined) {
          throw new HttpError(
            403,
            "the webhook admin API is off: start the explorer with TRADECHAIN_ADMIN_TOKEN set " +
              "(see docs/explorer.md)",
            "admin_disabled",
          );
        }
        if (!isAdmin(c, adminToken)) {
          c.header("www-authenticate", 'Bearer realm="tradechain-explorer"');
          throw new HttpError(
            401,
            "the webhook admin API needs the admin token: Authorization: Bearer <token>",
            "unauthorized",
          );
        }
        return await work(c, await database());
      } catch (err) {
        if (err instanceof HttpError) return refuse(c, err);
        throw err;
      }
    };

  return new Hono()
    .post(
      "/",
      guarded(async (c, db) => {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          throw badRequest("invalid_body", "the body must be JSON");
        }
        const registration = readRegistration(body);
        const fromBlock = registration.fromBlock ?? ((await indexedBlock(db)) ?? -1n) + 1n;
        const endpoint: NewEndpoint = {
          ...registration,
          id: `we_${randomBytes(12).toString("hex")}`,
          secret: `whsec_${randomBytes(32).toString("base64url")}`,
          fromBlock,
          createdAt: Date.now(),
        };
        await insertEndpoint(db, endpoint);
        return answer(
          c,
          {
            id: endpoint.id,
            url: endpoint.url,
            events: endpoint.kinds,
            accounts: endpoint.accounts,
            orderIds: endpoint.orderIds,
            fromBlock: endpoint.fromBlock,
            createdAt: endpoint.createdAt,
            secret: endpoint.secret,
          },
          201,
        );
      }),
    )
    .get(
      "/",
      guarded(async (c, db) => {
        const endpoints = await listEndpoints(db);
        return answer(c, {
          endpoints: endpoints.map(({ kinds, ...e }) => ({ ...e, events: kinds })),
        });
      }),
    )
    .get(
      "/:id/deliveries",
      guarded(async (c, db) => {
        const id = c.req.param("id") ?? "";
        const state = c.req.query("state");
        if (state !== undefined && !(DELIVERY_STATES as readonly string[]).includes(state)) {
          throw badRequest(
            "invalid_state",
            `state must be one of ${DELIVERY_STATES.join(", ")}, got "${state}"`,
          );
        }
        const { limit, offset } = page(c);
        if (!(await endpointExists(db, id))) {
          throw notFound("webhook_not_found", `no webhook endpoint ${id}`);
        }
        const deliveries = await listDeliveries(
          db,
          id,
          state as DeliveryState | undefined,
          limit,
          offset,
        );
        return answer(c, { id, deliveries });
      }),
    )
    .delete(
      "/:id",
      guarded(async (c, db) => {
        const id = c.req.param("id") ?? "";
        if (!(await deleteEndpoint(db, id))) {
          throw notFound("webhook_not_found", `no webhook endpoint ${id}`);
        }
        return answer(c, { id, removed: true });
      }),
    );
}
