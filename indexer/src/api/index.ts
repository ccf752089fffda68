/**
 * The explorer's HTTP surface, served by Ponder's own server (one process, one port):
 *
 * - JSON routes under `/api/`, one file per resource (bigints as decimal strings; 400 for
 *   malformed input, 404 with a message for unknown things), see `docs/explorer.md`;
 * - Ponder's GraphQL at `/graphql` (within the limits of `graphql-limits.ts`) and SQL over HTTP
 *   at `/sql/*` (on Postgres, for platforms holding the admin token);
 * - the page at every path it draws (`page.ts`);
 * - the webhooks' admin API at `/api/admin/webhooks`, and their dispatcher (`webhooks/`).
 *
 * Every route is rate-limited per client and, on Postgres, every read runs under a statement
 * timeout (`guard.ts`, settings in `settings.ts`): one client cannot take the explorer down.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

import { activityRoutes } from "./activity";
import { chartRoutes } from "./charts";
import { countryRoutes } from "./countries";
import { providerRoutes } from "./fx";
import { graphqlLimits, MAX_ALIASES, MAX_DEPTH } from "./graphql-limits";
import { adminOnPostgres, bounded, boundStatements, rateLimit } from "./guard";
import { hsRoutes } from "./hs";
import { json, notFound } from "./http";
import { orderRoutes } from "./orders";
import { pageRoutes, playground } from "./page";
import { participantRoutes } from "./participants";
import { productRoutes } from "./products";
import { searchRoutes } from "./search";
import { settings } from "./settings";
import { statusRoutes } from "./status";
import { tokenRoutes } from "./tokens";
import { webhooks } from "./webhooks";

/** Reads of each kind whose work may still run (Ponder retries cancelled ones): beyond, a 503. */
const MAX_RUNNING_SQL = 4;
const MAX_RUNNING_GRAPHQL = 8;
/** How long past the statement timeout a client of SQL or GraphQL may wait for its answer. */
const ANSWER_MARGIN_MS = 1_000;
const answerWithin = settings.statementTimeoutMs + ANSWER_MARGIN_MS;

boundStatements(db, settings);

const app = new Hono()
  .use(rateLimit(settings))
  .route("/api/status", statusRoutes)
  .route("/api/orders", orderRoutes)
  .route("/api/participants", participantRoutes)
  .route("/api/providers", providerRoutes)
  .route("/api/products", productRoutes)
  .route("/api/countries", countryRoutes)
  .route("/api/hs", hsRoutes)
  .route("/api/tokens", tokenRoutes)
  .route("/api/search", searchRoutes)
  .route("/api/activity", activityRoutes)
  .route("/api/charts", chartRoutes)
  // The webhooks' admin API (the operator's token only); starts their dispatcher.
  .route("/api/admin/webhooks", webhooks(settings.adminToken))
  .get(
    "/api/*",
    json(async (c) => {
      throw notFound("no_route", `no route ${c.req.path}: see docs/explorer.md for the API`);
    }),
  );

// For platforms: the same tables through Ponder's SQL over HTTP (`@ponder/client`) and GraphQL,
// with a playground of our own at GET /graphql (Ponder's loads its scripts from a CDN).
app.route("/", playground);
app.use(
  "/sql/*",
  adminOnPostgres(settings, "SQL over HTTP"),
  bounded("SQL over HTTP", answerWithin, MAX_RUNNING_SQL),
  client({ db, schema }),
);
app.use(
  "/graphql",
  graphqlLimits(),
  bounded("GraphQL", answerWithin, MAX_RUNNING_GRAPHQL),
  graphql({ db, schema }, { maxOperationDepth: MAX_DEPTH, maxOperationAliases: MAX_ALIASES }),
);

app.route("/", pageRoutes);

export default app;
