/**
 * The JSON routes' plumbing: errors that become `{error}` with a status, and responses written
 * straight to Node's response when the route runs under Ponder's server.
 */
import { ServerResponse } from "node:http";

import type { Context, Handler } from "hono";

/** The statuses the explorer's own refusals use. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 413 | 429 | 503;

/**
 * A refusal with its HTTP status: `{error, code}`, and `parameter` when one query parameter is what
 * was wrong. The message is English and may change; the code and the parameter are stable (the page
 * shows each code in the reader's language).
 */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly code: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/**
 * A malformed request: `code` names what was wrong (`invalid_order_id`, `missing_parameter`…),
 * `parameter` the query parameter it was in, if it was in one.
 */
export const badRequest = (code: string, message: string, parameter?: string) =>
  new HttpError(400, message, code, parameter);
/** Nothing indexed answers: `code` names what was looked for (`order_not_found`…). */
export const notFound = (code: string, message: string) => new HttpError(404, message, code);

/** A response body already serialised (bigints as strings), sent as it is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON with bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * What a handler returns once it has written the response itself: the header tells Ponder's
 * server (`@hono/node-server`) that the response was already sent.
 */
const ALREADY_SENT = new Response(null, { headers: { "x-hono-already-sent": "true" } });

/**
 * Sends a JSON text. Under Ponder's server it is written straight to Node's response, with the
 * header Ponder's CORS middleware gives every route: Hono would otherwise copy the response
 * through three `Response` objects and read the body back as a stream, which costs more CPU than
 * the database read of an order (measured: docs/explorer.md "Tests and benchmark").
 */
function reply(
  c: Context,
  text: string,
  status: 200 | ErrorStatus,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const outgoing = (c.env as { outgoing?: unknown } | undefined)?.outgoing;
  if (!(outgoing instanceof ServerResponse))
    return c.body(text, status, { ...headers, "content-type": JSON_TYPE });
  outgoing.writeHead(status, {
    ...headers,
    "content-type": JSON_TYPE,
    "content-length": Buffer.byteLength(text),
    "access-control-allow-origin": "*",
  });
  outgoing.end(text);
  return ALREADY_SENT;
}

/** A refusal as JSON, `{error, code}` (and `parameter` when it names one), with its status. */
export function refuse(
  c: Context,
  err: HttpError,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const body =
    err.parameter === undefined
      ? { error: err.message, code: err.code }
      : { error: err.message, code: err.code, parameter: err.parameter };
  return reply(c, toJson(body), err.status, headers);
}

/**
 * Refuses a query parameter the route does not take, or one given twice, naming it: a filter that
 * is misspelt or unsupported must never be ignored silently (the list would look filtered).
 */
export function onlyParameters(c: Context, allowed: readonly string[]): void {
  const url = new URL(c.req.url);
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    if (!allowed.includes(name)) {
      const takes =
        allowed.length === 0 ? "takes no query parameters" : `takes ${allowed.join(", ")}`;
      const hint =
        name === "offset" && allowed.includes("cursor")
          ? ": page on with cursor, the nextCursor of the previous page"
          : "";
      throw badRequest(
        "unknown_parameter",
        `unknown query parameter "${name}": ${c.req.path} ${takes}${hint}`,
        name,
      );
    }
    if (seen.has(name)) {
      throw badRequest(
        "repeated_parameter",
        `query parameter "${name}" is given more than once: give it once (several values comma-separated where it takes a list)`,
        name,
      );
    }
    seen.add(name);
  }
}

/** Postgres cancelled the statement (`statement_timeout`): SQLSTATE 57014. */
function timedOut(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.code === "57014" || e?.cause?.code === "57014";
}

/**
 * A JSON route's handler: the value `compute` returns, as JSON (a {@link RawJson} as it is); an
 * {@link HttpError} as `{error}` with its status; a statement Postgres cut off at the timeout as a
 * 503. Anything else is a server error (Ponder's 500). `parameters` are the query parameters the
 * route takes: any other is refused with a 400 that names it.
 */
export function json(
  compute: (c: Context) => Promise<unknown>,
  parameters: readonly string[] = [],
): Handler {
  return async (c) => {
    try {
      onlyParameters(c, parameters);
      const value = await compute(c);
      return reply(c, value instanceof RawJson ? value.text : toJson(value), 200);
    } catch (err) {
      if (err instanceof HttpError) return refuse(c, err);
      if (timedOut(err)) {
        return refuse(
          c,
          new HttpError(
            503,
            "the database took too long to answer: try again",
            "statement_timeout",
          ),
        );
      }
      throw err;
    }
  };
}
