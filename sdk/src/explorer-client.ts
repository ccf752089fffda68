/**
 * `ExplorerClient`: a typed client of the TradeChain explorer's JSON API (docs/explorer.md), for
 * platforms that run the explorer: an order with its timeline and who acts next, a participant's
 * orders by role and status paged by cursor (or all of them through an async iterator), the
 * participant's credit, a product and its clearance per country, the activity, search.
 *
 * Browser-safe: it uses only `fetch` (the platform's own, or one passed in). Every amount, time
 * and block number comes back as a `bigint`. Every failure is a `TradeChainError`: the explorer's
 * refusals as `EXPLORER_BAD_REQUEST` (400: `decoded.name` is the API's code, e.g.
 * `invalid_role`, and `parameter` names the query parameter) and `EXPLORER_NOT_FOUND` (404), any
 * other answer as `EXPLORER_HTTP`, an explorer that cannot be reached as `NETWORK`.
 */
import { parseAddress } from "./address.js";
import type {
  ExplorerActivityPage,
  ExplorerClearanceAnswer,
  ExplorerOrder,
  ExplorerOrderPage,
  ExplorerOrderRole,
  ExplorerOrderStatus,
  ExplorerParticipant,
  ExplorerPartyOrder,
  ExplorerPartyOrderPage,
  ExplorerProduct,
  ExplorerSearchResult,
  ExplorerStatus,
} from "./explorer-types.js";
import { clientError, TradeChainError } from "./failure.js";
import type { NextAction } from "./next-action.js";

/** How long one request may take, by default. */
export const EXPLORER_TIMEOUT_MS = 10_000;

/** Most orders one page of the API holds. */
export const EXPLORER_MAX_PAGE = 100;

export interface ExplorerClientOptions {
  /** The `fetch` to use (default: the global one). */
  readonly fetch?: typeof fetch;
  /** Headers sent with every request (e.g. `authorization` for the explorer's admin token). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Milliseconds one request may take (default {@link EXPLORER_TIMEOUT_MS}). */
  readonly timeoutMs?: number;
}

/** One page of a list paged by cursor: `limit` orders (1-100, default 25) after `cursor`. */
export interface ExplorerPageQuery {
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page; none for the first page. */
  readonly cursor?: string | undefined;
}

/** Which orders: in these statuses (any, by default). */
export interface ExplorerOrderQuery extends ExplorerPageQuery {
  readonly status?: ExplorerOrderStatus | readonly ExplorerOrderStatus[] | undefined;
}

/** Which of a participant's orders: in these roles and statuses (any, by default). */
export interface ExplorerPartyOrderQuery extends ExplorerOrderQuery {
  readonly role?: ExplorerOrderRole | readonly ExplorerOrderRole[] | undefined;
}

/** A query's parameters: absent values are left out, lists are comma-separated. */
type Query = Readonly<Record<string, string | number | readonly string[] | undefined>>;

/**
 * The fields the API sends as decimal strings that are amounts, times or block numbers: turned
 * into bigints wherever they appear (but inside an event's `args`, kept as the chain's strings).
 */
const BIGINT_FIELDS = new Set([
  "amount",
  "arbitrationEndsAt",
  "arbitrationPeriod",
  "at",
  "blockNumber",
  "blocksBehind",
  "buyerAmount",
  "buyerTotal",
  "chainTime",
  "createdAt",
  "createdBlock",
  "customsPeriod",
  "deadline",
  "escrowed",
  "eventsIndexed",
  "expiresAt",
  "fee",
  "fees",
  "from",
  "headBlock",
  "indexedBlock",
  "lastEventBlock",
  "now",
  "openedAt",
  "refunded",
  "refundedVolume",
  "registeredAt",
  "released",
  "secondsLeft",
  "sellerAmount",
  "settlementBuyerAmount",
  "shipBy",
  "since",
  "startBlock",
  "timestamp",
  "until",
  "updatedAt",
  "updatedBlock",
  "volume",
]);

const DECIMAL = /^-?\d+$/;

/** The API's JSON with its amounts, times and block numbers as bigints. */
function revive(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => revive(v));
  if (typeof value === "string") {
    return BIGINT_FIELDS.has(key) && DECIMAL.test(value) ? BigInt(value) : value;
  }
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "args" ? v : revive(v, k)]),
  );
}

/** The API's next action (absent values as null) as the SDK's {@link NextAction}. */
function nextActionOfJson(value: unknown): NextAction | null {
  if (value === null || typeof value !== "object") return null;
  const n = value as Record<string, unknown>;
  const some = <T>(v: unknown) => (v === null ? undefined : (v as T));
  return {
    ...(n as unknown as NextAction),
    waitingFor: some(n.waitingFor),
    deadline: some(n.deadline),
    secondsLeft: some(n.secondsLeft),
    then: some(n.then),
    actions: (n.actions as Record<string, unknown>[]).map((a) => ({
      ...(a as unknown as NextAction["actions"][number]),
      from: some(a.from),
      until: some(a.until),
    })),
  };
}

/** A list filter's values, one or several. */
const listOf = <T extends string>(v: T | readonly T[] | undefined) =>
  v === undefined ? undefined : typeof v === "string" ? [v] : (v as readonly T[]);

/** A 32-byte id (order, product), refused before anything is asked of the explorer. */
function checkId(id: string, what: string): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(id)) {
    throw clientError(
      "INVALID_ARGUMENT",
      what === "order" ? "InvalidOrderId" : "InvalidProductId",
      `"${id}" is not a${what === "order" ? "n" : ""} ${what} id (0x and 64 hex digits)`,
      { id },
    );
  }
  return id.toLowerCase();
}

/** A typed client of an explorer's JSON API at `baseUrl` (e.g. `http://127.0.0.1:42069`). */
export class ExplorerClient {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, options: ExplorerClientOptions = {}) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch (err) {
      throw clientError(
        "INVALID_ARGUMENT",
        "InvalidExplorerUrl",
        `"${baseUrl}" is not a URL: give the explorer's address, e.g. http://127.0.0.1:42069`,
        { baseUrl },
        err,
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw clientError(
        "INVALID_ARGUMENT",
        "InvalidExplorerUrl",
        `The explorer's URL must be http or https, got ${url.protocol}`,
        { baseUrl },
      );
    }
    this.baseUrl = url.toString().replace(/\/+$/, "");
    const fetchFn = options.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
    if (fetchFn === undefined) {
      throw clientError(
        "INVALID_ARGUMENT",
        "NoFetch",
        "No fetch in this runtime: pass one as options.fetch",
      );
    }
    this.#fetch = fetchFn;
    this.#headers = { accept: "application/json", ...options.headers };
    this.#timeoutMs = options.timeoutMs ?? EXPLORER_TIMEOUT_MS;
  }

  /** The chain, the indexed block and head, and whether the index is behind or stale. */
  async status(): Promise<ExplorerStatus> {
    return this.#get("/api/status") as Promise<ExplorerStatus>;
  }

  /**
   * An order: terms, status, money, parties, who may act next and until when (at the indexed
   * block's time), its dispute and its timeline.
   * @throws TradeChainError `EXPLORER_NOT_FOUND` (`order_not_found`) when the explorer has not
   * indexed it (it may not have caught up yet: see {@link status}).
   */
  async order(orderId: string): Promise<ExplorerOrder> {
    const body = (await this.#get(`/api/orders/${checkId(orderId, "order")}`)) as Record<
      string,
      unknown
    >;
    return { ...body, nextAction: nextActionOfJson(body.nextAction) } as unknown as ExplorerOrder;
  }

  /** The most recent orders, newest first, one page, in the statuses asked for. */
  async orders(query: ExplorerOrderQuery = {}): Promise<ExplorerOrderPage> {
    return this.#get("/api/orders", {
      status: listOf(query.status),
      limit: query.limit,
      cursor: query.cursor,
    }) as Promise<ExplorerOrderPage>;
  }

  /**
   * One page of `account`'s orders, newest first, in the roles and statuses asked for (e.g.
   * `{ role: "seller", status: ["Funded", "Shipped"] }`). Pages follow by `nextCursor`; orders
   * that arrive meanwhile never shift them.
   */
  async ordersOf(
    account: string,
    query: ExplorerPartyOrderQuery = {},
  ): Promise<ExplorerPartyOrderPage> {
    const address = parseAddress(account, "account").toLowerCase();
    return this.#get(`/api/participants/${address}/orders`, {
      role: listOf(query.role),
      status: listOf(query.status),
      limit: query.limit,
      cursor: query.cursor,
    }) as Promise<ExplorerPartyOrderPage>;
  }

  /**
   * Every order of `account` that matches, newest first, page after page (`limit` a page,
   * default 100): `for await (const order of explorer.allOrdersOf(seller, { status: "Funded" }))`.
   */
  async *allOrdersOf(
    account: string,
    query: Omit<ExplorerPartyOrderQuery, "cursor"> = {},
  ): AsyncGenerator<ExplorerPartyOrder, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.ordersOf(account, {
        ...query,
        limit: query.limit ?? EXPLORER_MAX_PAGE,
        cursor,
      });
      yield* page.orders;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }

  /** The most recent order events of every order, newest first, one page. */
  async activity(query: ExplorerPageQuery = {}): Promise<ExplorerActivityPage> {
    return this.#get("/api/activity", {
      limit: query.limit,
      cursor: query.cursor,
    }) as Promise<ExplorerActivityPage>;
  }

  /**
   * A participant: registration and its changes, the credit record per currency, balances and
   * the most recent orders.
   * @throws TradeChainError `EXPLORER_NOT_FOUND` (`participant_not_found`) when nothing is indexed.
   */
  async participant(account: string): Promise<ExplorerParticipant> {
    const address = parseAddress(account, "account").toLowerCase();
    return this.#get(`/api/participants/${address}`) as Promise<ExplorerParticipant>;
  }

  /** A registered product by id, with its HS code, clearance in every country and history. */
  async product(productId: string): Promise<ExplorerProduct> {
    const id = checkId(productId, "product");
    return this.#get(`/api/products/${id}`) as Promise<ExplorerProduct>;
  }

  /**
   * Whether a product (its id, GTIN, or HS code and SKU) or an 8-digit HS code can enter a
   * country (`PK` or `586`): the clearance, the entry that decided it and what an order can expect.
   */
  async clearance(
    country: string | number,
    of: { readonly product: string } | { readonly hsCode: string },
  ): Promise<ExplorerClearanceAnswer> {
    const query = "product" in of ? { product: of.product } : { hs: of.hsCode };
    return this.#get(
      `/api/countries/${encodeURIComponent(String(country))}/clearance`,
      query,
    ) as Promise<ExplorerClearanceAnswer>;
  }

  /** What a search box's text names (an order id, address, GTIN, HS code, country…). */
  async search(text: string): Promise<ExplorerSearchResult> {
    return this.#get("/api/search", { q: text }) as Promise<ExplorerSearchResult>;
  }

  /**
   * Any JSON route of the explorer (`/api/countries/PK`, `/api/tokens/USD`, …) with its amounts,
   * times and block numbers as bigints, and the same errors as the typed methods.
   */
  async get(path: string, query: Query = {}): Promise<unknown> {
    if (!path.startsWith("/api/")) {
      throw clientError(
        "INVALID_ARGUMENT",
        "NotAnApiPath",
        `The explorer's JSON routes are under /api/, got "${path}"`,
        { path },
      );
    }
    return this.#get(path, query);
  }

  async #get(path: string, query: Query = {}): Promise<unknown> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      url.searchParams.set(name, typeof value === "object" ? value.join(",") : String(value));
    }
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, {
        headers: this.#headers,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      throw clientError(
        "NETWORK",
        "ExplorerUnreachable",
        `The explorer at ${this.baseUrl} did not answer ${path}: ${err instanceof Error ? err.message : String(err)}`,
        { url: url.toString() },
        err,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw clientError(
        "EXPLORER_HTTP",
        "NotJson",
        `The explorer answered ${path} with HTTP ${response.status} and a body that is not JSON` +
          ` (${text.slice(0, 80).trim() || "empty"}): is ${this.baseUrl} a TradeChain explorer?`,
        { status: response.status, url: url.toString() },
        err,
      );
    }
    if (response.ok) return revive(body);
    throw refusal(response.status, path, url, body);
  }
}

/** The explorer's refusal (`{error, code, parameter?}`) as a TradeChainError. */
function refusal(status: number, path: string, url: URL, body: unknown): TradeChainError {
  const { error, code, parameter } = (body ?? {}) as Record<string, unknown>;
  const name = typeof code === "string" ? code : `http_${status}`;
  const message = typeof error === "string" ? error : `HTTP ${status}`;
  const args = {
    status,
    url: url.toString(),
    ...(typeof parameter === "string" ? { parameter } : {}),
  };
  const kind =
    status === 400
      ? "EXPLORER_BAD_REQUEST"
      : status === 404
        ? "EXPLORER_NOT_FOUND"
        : "EXPLORER_HTTP";
  return clientError(kind, name, `The explorer refused ${path}: ${message}`, args);
}
