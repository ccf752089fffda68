/**
 * The explorer's HTTP surface, served by Ponder's own server (one process, one port):
 *
 * - JSON routes under `/api/`, one file per resource (bigints as decimal strings; 400 for
 *   malformed input, 404 with a message for unknown things), see `docs/explorer.md`;
 * - Ponder's GraphQL at `/graphql` and SQL over HTTP at `/sql/*`, for platforms;
 * - the page at every path it draws (`page.ts`).
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

import { countryRoutes } from "./countries";
import { json, notFound } from "./http";
import { orderRoutes } from "./orders";
import { pageRoutes } from "./page";
import { participantRoutes } from "./participants";
import { productRoutes } from "./products";
import { searchRoutes } from "./search";
import { statusRoutes } from "./status";
import { tokenRoutes } from "./tokens";

const app = new Hono()
  .route("/api/status", statusRoutes)
  .route("/api/orders", orderRoutes)
  .route("/api/participants", participantRoutes)
  .route("/api/products", productRoutes)
  .route("/api/countries", countryRoutes)
  .route("/api/tokens", tokenRoutes)
  .route("/api/search", searchRoutes)
  .get(
    "/api/*",
    json(async (c) => {
      throw notFound(`no route ${c.req.path}: see docs/explorer.md for the API`);
    }),
  );

// For platforms: the same tables through Ponder's SQL over HTTP (`@ponder/client`) and GraphQL.
app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

app.route("/", pageRoutes);

export default app;
