/**
 * The explorer's page: one search box and one view per thing (order, product, participant,
 * country, token), drawn from the JSON API of the same server. Plain DOM, no framework, nothing
 * loaded from elsewhere. Amounts in the token's currency (US$, CN¥), times in UTC; only hashes
 * and codes are ever shown, because only hashes are on chain.
 */
import {
  formatAmount,
  formatBps,
  formatDuration,
  formatTimestamp,
  ParticipantRole,
  shortHex,
} from "@tradechain/sdk";

type Json = Record<string, unknown>;
type Child = Node | string | null | undefined | false;

/** Builds an element; strings become text nodes, so nothing from the API is parsed as HTML. */
function h(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const main = document.getElementById("main") as HTMLElement;
const banner = document.getElementById("banner") as HTMLElement;
const footer = document.getElementById("footer") as HTMLElement;
const input = document.getElementById("q") as HTMLInputElement;

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function api(path: string): Promise<Json> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = (await response.json()) as Json;
  if (!response.ok) throw new ApiError(response.status, String(body.error ?? response.statusText));
  return body;
}

// ------------------------------------------------------------------------------ formatting

interface Currency {
  currency: string;
  decimals: number;
  address: string;
}

function money(amount: unknown, currency: Currency | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  if (currency === null || currency === undefined) return `${String(amount)} units`;
  return formatAmount(BigInt(String(amount)), currency.decimals, currency.currency);
}

const time = (seconds: unknown) =>
  seconds === null || seconds === undefined ? "—" : formatTimestamp(BigInt(String(seconds)));

function link(path: string, text: string, title?: string): HTMLElement {
  const a = h("a", { href: path, ...(title === undefined ? {} : { title }) }, text);
  a.addEventListener("click", (e) => {
    if (e.metaKey || e.ctrlKey) return;
    e.preventDefault();
    navigate(path);
  });
  return a;
}

const account = (address: unknown) =>
  typeof address === "string"
    ? link(`/participant/${address}`, shortHex(address, 6), address)
    : "—";
const hash = (value: unknown) =>
  typeof value === "string" ? h("code", { title: value, class: "hash" }, shortHex(value, 8)) : "—";

function roleNames(mask: number): string {
  const names = Object.entries(ParticipantRole)
    .filter(([, bit]) => (mask & bit) !== 0)
    .map(([name]) => name);
  return names.length === 0 ? "none" : names.join(", ");
}

function country(alpha2: unknown, code?: unknown): Child {
  if (typeof alpha2 === "string") return link(`/country/${alpha2}`, alpha2);
  return code === null || code === undefined ? "—" : String(code);
}

function table(headers: string[], rows: Child[][], cls = ""): HTMLElement {
  return h(
    "div",
    { class: "scroll" },
    h(
      "table",
      { class: cls },
      h("thead", {}, h("tr", {}, ...headers.map((t) => h("th", {}, t)))),
      h("tbody", {}, ...rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, c))))),
    ),
  );
}

function facts(pairs: [string, Child][]): HTMLElement {
  return h(
    "dl",
    { class: "facts" },
    ...pairs.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

const badge = (text: string) => h("span", { class: `badge badge-${text.toLowerCase()}` }, text);
const section = (title: string, ...content: Child[]) =>
  h("section", {}, h("h2", {}, title), ...content);

// ------------------------------------------------------------------------------ views

let countdownTimer: number | undefined;

function countdown(deadline: Json | null): Child {
  if (deadline === null) return null;
  const at = Number(deadline.at);
  const el = h("span", { class: "countdown" });
  const tick = () => {
    const left = at - Math.floor(Date.now() / 1000);
    el.textContent =
      left > 0
        ? `${String(deadline.kind)} ends in ${formatDuration(left)} (${formatTimestamp(at)})`
        : `${String(deadline.kind)} ended ${formatDuration(-left)} ago (${formatTimestamp(at)}): ${String(deadline.then)}`;
  };
  tick();
  countdownTimer = window.setInterval(tick, 1000);
  return h("p", { class: "deadline", id: "deadline" }, el);
}

/** Event arguments for people: amounts in the order's currency, hashes short. */
function eventDetail(e: Json, currency: Currency | null): Child {
  const args = e.args as Record<string, string | boolean>;
  const parts: Child[] = [];
  const amountKeys = ["amount", "sellerAmount", "buyerAmount", "fee"];
  for (const [k, v] of Object.entries(args)) {
    if (["orderId", "buyer", "seller", "token", "productId", "arbiter", "ref", "by"].includes(k))
      continue;
    let shown: Child;
    if (amountKeys.includes(k)) shown = money(v, currency);
    else if (typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v)) shown = account(v);
    else if (typeof v === "string" && /^0x[0-9a-fA-F]{64}$/.test(v)) shown = hash(v);
    else if (k === "shipBy") shown = time(v);
    else if (k === "feeBps") shown = formatBps(Number(v));
    else if (k === "confirmWindow") shown = formatDuration(Number(v));
    else shown = String(v);
    parts.push(h("span", { class: "arg" }, `${k} `, shown));
  }
  return h("span", {}, ...parts);
}

async function orderView(id: string): Promise<HTMLElement> {
  const o = await api(`/api/orders/${id}`);
  const currency = o.currency as Currency | null;
  const parties = o.parties as Json[];
  const buyer = parties.find((p) => p.role === "buyer") as Json;
  const seller = parties.find((p) => p.role === "seller") as Json;
  const timeline = o.timeline as Json[];
  const summary =
    `${money(o.amount, currency)} from buyer ${shortHex(String(buyer.address))}` +
    ` (${String(buyer.country ?? "?")}) to seller ${shortHex(String(seller.address))}` +
    ` (${String(seller.country ?? "?")}) for product ${shortHex(String(o.productId))},` +
    ` destination ${String(o.destinationCountry ?? o.destination)}: ${String(o.status)}`;
  return h(
    "article",
    { class: "order" },
    h("h1", {}, "Order ", hash(o.id), " ", badge(String(o.status))),
    h("p", { class: "summary", id: "summary" }, summary),
    countdown(o.nextDeadline as Json | null),
    section(
      "Parties",
      table(
        ["Role", "Address", "Registered roles", "Country", "Identity hash", ""],
        parties.map((p) => [
          String(p.role),
          account(p.address),
          p.registered ? roleNames(Number(p.roles)) : "not registered",
          country(p.country, p.jurisdiction),
          hash(p.identityHash),
          p.suspended ? badge("Suspended") : "",
        ]),
        "parties",
      ),
    ),
    section(
      "Money",
      facts([
        ["Order amount", money(o.amount, currency)],
        ["Held in escrow", money(o.escrowed, currency)],
        ["Released to seller", money(o.released, currency)],
        ["Refunded to buyer", money(o.refunded, currency)],
        ["Platform fees", `${money(o.fees, currency)} (rate ${formatBps(Number(o.feeBps))})`],
        [
          "Settlement offer",
          o.settlementBuyerAmount === null
            ? "none"
            : h(
                "span",
                {},
                `${money(o.settlementBuyerAmount, currency)} to the buyer, offered by `,
                account(o.settlementProposer),
              ),
        ],
      ]),
    ),
    section(
      "Terms",
      facts([
        ["Product", link(`/product/${String(o.productId)}`, shortHex(String(o.productId), 8))],
        ["Destination", country(o.destinationCountry, o.destination)],
        ["Ship by", time(o.shipBy)],
        ["Confirmation window", formatDuration(Number(o.confirmWindow))],
        ["Customs cleared", o.customsCleared ? "yes" : "no"],
        ["Tracking hash", hash(o.trackingHash)],
        ["Reference", hash(o.ref)],
        [
          "Currency",
          currency === null
            ? "—"
            : h("span", {}, link(`/token/${currency.currency}`, currency.currency)),
        ],
      ]),
    ),
    section(
      `Timeline (${timeline.length} events)`,
      table(
        ["Time (UTC)", "Event", "Actor", "Details", "Block", "Transaction"],
        timeline.map((e) => [
          time(e.timestamp),
          String(e.name),
          account(e.actor),
          eventDetail(e, currency),
          String(e.blockNumber),
          txLink(String(e.txHash)),
        ]),
        "timeline",
      ),
    ),
  );
}

let txUrlTemplate: string | null = null;

function txLink(txHash: string): Child {
  if (txUrlTemplate === null)
    return h("code", { title: txHash, class: "hash" }, shortHex(txHash, 8));
  return h(
    "a",
    { href: txUrlTemplate.replace("{hash}", txHash), rel: "noopener" },
    shortHex(txHash, 8),
  );
}

async function productView(id: string): Promise<HTMLElement> {
  const p = await api(`/api/products/${id}`);
  const versions = p.versions as Json[];
  const listings = p.listings as Json[];
  const history = p.listingHistory as Json[];
  const complaints = p.complaints as Json[];
  return h(
    "article",
    { class: "product" },
    h("h1", {}, "Product ", hash(p.id)),
    facts([
      ["Owner", account(p.owner)],
      ["HS code", `${String(p.hsCodeText)} (version ${String(p.hsCodeVersion)})`],
      ["Provenance hash", hash(p.metadataHash)],
      ["Version", String(p.metadataVersion)],
      ["Registered", time(p.registeredAt)],
      ["Orders", String(p.orderCount)],
      ["Complaints", String(p.complaintCount)],
    ]),
    section(
      "Status by country",
      listings.length === 0
        ? h("p", {}, "Not on any country's list.")
        : table(
            ["Country", "Status", "Expires", "Reason hash", "Authority", "Since"],
            listings.map((l) => [
              country(l.country, l.jurisdiction),
              badge(String(l.status)),
              l.expiresAt === "0" ? "never" : time(l.expiresAt),
              hash(l.reasonHash),
              account(l.authority),
              time(l.updatedAt),
            ]),
            "listings",
          ),
    ),
    section(
      "Tariff listings that apply (by HS prefix)",
      (p.tariffListings as Json[]).length === 0
        ? h("p", {}, "No country lists a prefix of this HS code.")
        : table(
            ["Country", "HS prefix", "Status", "Expires", "Reason hash", "Authority"],
            (p.tariffListings as Json[]).map((t) => [
              country(t.country, t.jurisdiction),
              String(t.codeText),
              badge(String(t.status)),
              t.expiresAt === "0" ? "never" : time(t.expiresAt),
              hash(t.reasonHash),
              account(t.authority),
            ]),
            "tariffs",
          ),
    ),
    section(
      "Listing history",
      table(
        ["Time (UTC)", "Country", "Change", "Reason hash", "Authority", "Transaction"],
        history.map((l) => [
          time(l.timestamp),
          country(l.country, l.jurisdiction),
          `${String(l.previousStatus)} → ${String(l.status)}`,
          hash(l.reasonHash),
          account(l.authority),
          txLink(String(l.txHash)),
        ]),
      ),
    ),
    section(
      "Provenance versions",
      table(
        ["Version", "Hash", "Owner", "Time (UTC)"],
        versions.map((v) => [
          String(v.version),
          hash(v.metadataHash),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      "HS code history",
      table(
        ["Version", "HS code", "Owner", "Time (UTC)"],
        (p.hsCodes as Json[]).map((v) => [
          String(v.version),
          String(v.hsCodeText),
          account(v.owner),
          time(v.timestamp),
        ]),
      ),
    ),
    section(
      "Complaints",
      complaints.length === 0
        ? h("p", {}, "No complaints.")
        : table(
            ["Time (UTC)", "Order", "Complainant", "Evidence hash"],
            complaints.map((c) => [
              time(c.timestamp),
              link(`/order/${String(c.orderId)}`, shortHex(String(c.orderId), 6)),
              account(c.complainant),
              hash(c.evidenceHash),
            ]),
          ),
    ),
  );
}

async function participantView(address: string): Promise<HTMLElement> {
  const p = await api(`/api/participants/${address}`);
  const credits = p.credit as Json[];
  const balances = p.balances as Json[];
  const orders = p.orders as Json[];
  return h(
    "article",
    { class: "participant" },
    h(
      "h1",
      {},
      "Participant ",
      h("code", { class: "hash" }, String(p.address)),
      p.suspended ? badge("Suspended") : "",
    ),
    facts([
      ["Registered", p.registered ? "yes" : "no"],
      ["Roles", roleNames(Number(p.roles))],
      ["Jurisdiction", country(p.country, p.jurisdiction)],
      ["Identity hash", hash(p.identityHash)],
      ["Record version", p.version === null ? "—" : String(p.version)],
      ["Suspension reason hash", hash(p.suspensionReasonHash)],
    ]),
    section(
      "Credit record",
      credits.length === 0
        ? h("p", {}, "No completed, refunded or disputed orders yet.")
        : table(
            [
              "Currency",
              "Sales",
              "Purchases",
              "Cancelled as buyer",
              "Rejected as seller",
              "Missed ship-by",
              "Rejected at customs",
              "Refunded as seller",
              "Disputes opened",
              "Won",
              "Lost",
              "Volume",
            ],
            credits.map((c) => {
              const cur = c.currency as Currency | null;
              return [
                cur === null ? shortHex(String(c.token)) : cur.currency,
                ...CREDIT_COUNTERS.map((k) => String(c[k])),
                money(c.volume, cur),
              ];
            }),
            "credit",
          ),
    ),
    section(
      "Balances",
      table(
        ["Currency", "Balance"],
        balances.map((b) => {
          const cur = b.currency as Currency;
          return [link(`/token/${cur.currency}`, cur.currency), money(b.amount, cur)];
        }),
      ),
    ),
    section(
      `Orders (${String(p.orderCount)})`,
      table(
        ["Order", "Role", "Status", "Amount", "Created (UTC)"],
        orders.map((o) => [
          link(`/order/${String(o.id)}`, shortHex(String(o.id), 6)),
          String(o.role),
          badge(String(o.status)),
          money(o.amount, o.currency as Currency),
          time(o.createdAt),
        ]),
        "orders",
      ),
    ),
  );
}

/** The credit record's counters, in the table's order. */
const CREDIT_COUNTERS = [
  "salesCompleted",
  "purchasesCompleted",
  "cancelledAsBuyer",
  "rejectedAsSeller",
  "missedShipBy",
  "rejectedAtCustoms",
  "refundedAsSeller",
  "disputesOpened",
  "disputesWon",
  "disputesLost",
] as const;

const LIST_PAGE = 25;

async function countryView(code: string, params: URLSearchParams): Promise<HTMLElement> {
  const status = params.get("status") ?? "Positive";
  const offset = Number(params.get("offset") ?? "0");
  const c = await api(
    `/api/countries/${code}?status=${status}&limit=${LIST_PAGE}&offset=${offset}`,
  );
  const counts = c.counts as Record<string, number>;
  const listings = c.listings as Json[];
  const total = Number(c.total);
  const name = String(c.country ?? c.jurisdiction);
  const tab = (s: string) =>
    link(`/country/${name}?status=${s}`, `${s} list (${counts[s] ?? 0})`, undefined);
  const tabs = h(
    "nav",
    { class: "tabs" },
    ...["Positive", "Negative"].map((s) => {
      const t = tab(s);
      if (s === status) t.setAttribute("aria-current", "page");
      return t;
    }),
  );
  const pager = h(
    "p",
    { class: "pager" },
    offset > 0
      ? link(
          `/country/${name}?status=${status}&offset=${Math.max(0, offset - LIST_PAGE)}`,
          "← previous",
        )
      : "",
    ` ${total === 0 ? 0 : offset + 1}–${Math.min(total, offset + LIST_PAGE)} of ${total} `,
    offset + LIST_PAGE < total
      ? link(`/country/${name}?status=${status}&offset=${offset + LIST_PAGE}`, "next →")
      : "",
  );
  const authorities = c.customsAuthorities as Json[];
  return h(
    "article",
    { class: "country" },
    h("h1", {}, `Country ${name} (ISO ${String(c.jurisdiction)})`),
    tabs,
    table(
      ["Product", "Status", "Expires", "Reason hash", "Authority", "Since (UTC)"],
      listings.map((l) => [
        link(`/product/${String(l.productId)}`, shortHex(String(l.productId), 8)),
        badge(String(l.status)),
        l.expiresAt === "0" ? "never" : time(l.expiresAt),
        hash(l.reasonHash),
        account(l.authority),
        time(l.updatedAt),
      ]),
      "list",
    ),
    pager,
    section(
      `HS prefixes on the ${status.toLowerCase()} list`,
      (c.tariffListings as Json[]).length === 0
        ? h("p", {}, "None.")
        : table(
            ["HS prefix", "Level", "Expires", "Reason hash", "Authority"],
            (c.tariffListings as Json[]).map((t) => [
              String(t.codeText),
              `${String(t.digits)} digits`,
              t.expiresAt === "0" ? "never" : time(t.expiresAt),
              hash(t.reasonHash),
              account(t.authority),
            ]),
            "tariff-list",
          ),
    ),
    section(
      "Customs authorities",
      table(
        ["Authority", "Enabled", "Since (UTC)"],
        authorities.map((a) => [account(a.authority), a.enabled ? "yes" : "no", time(a.updatedAt)]),
      ),
    ),
  );
}

async function tokenView(key: string): Promise<HTMLElement> {
  const t = await api(`/api/tokens/${key}`);
  const cur: Currency = {
    currency: String(t.currency),
    decimals: Number(t.decimals),
    address: String(t.id),
  };
  const holders = t.topHolders as Json[];
  return h(
    "article",
    { class: "token" },
    h("h1", {}, `${String(t.name)} (${cur.currency})`),
    facts([
      ["Address", h("code", { class: "hash" }, cur.address)],
      ["Total supply", money(t.totalSupply, cur)],
      ["Minted / burned", `${money(t.minted, cur)} / ${money(t.burned, cur)}`],
      ["Holders", String(t.holders)],
      ["Transfers", String(t.transfers)],
      [
        "Escrow fees accrued / collected",
        `${money(t.feesAccrued, cur)} / ${money(t.feesCollected, cur)}`,
      ],
      ["Accepted by the escrow", t.allowed ? "yes" : "no"],
    ]),
    section(
      "Largest holders",
      table(
        ["Holder", "Balance"],
        holders.map((b) => [account(b.holder), money(b.amount, cur)]),
      ),
    ),
  );
}

async function homeView(): Promise<HTMLElement> {
  const [countries, tokens] = await Promise.all([api("/api/countries"), api("/api/tokens")]);
  return h(
    "article",
    { class: "home" },
    h("h1", {}, "Look up an order, a product, a participant or a country"),
    h(
      "p",
      {},
      "Paste an order id, a product id, a transaction hash, an address, a GTIN, an HS code and SKU " +
        "(8471.30 BRT-LAPTOP-15), a country (PK) or a currency (USD). Only hashes are on chain, so only " +
        "hashes are shown: documents and identities stay with the parties.",
    ),
    section(
      "Countries",
      table(
        ["Country", "Positive list", "Negative list", "Customs authorities"],
        (countries.countries as Json[]).map((c) => [
          country(c.country, c.jurisdiction),
          String(c.positive),
          String(c.negative),
          String((c.customsAuthorities as unknown[]).length),
        ]),
        "countries",
      ),
    ),
    section(
      "Settlement tokens",
      table(
        ["Currency", "Supply", "Holders", "Fees collected"],
        (tokens.tokens as Json[]).map((t) => {
          const cur: Currency = {
            currency: String(t.currency),
            decimals: Number(t.decimals),
            address: String(t.id),
          };
          return [
            link(`/token/${cur.currency}`, cur.currency),
            money(t.totalSupply, cur),
            String(t.holders),
            money(t.feesCollected, cur),
          ];
        }),
      ),
    ),
  );
}

// ------------------------------------------------------------------------------ routing

async function render(): Promise<void> {
  window.clearInterval(countdownTimer);
  const { pathname, search } = window.location;
  const [, kind, key] = pathname.split("/");
  const params = new URLSearchParams(search);
  main.replaceChildren(h("p", { class: "loading" }, "Loading…"));
  try {
    let view: HTMLElement;
    if (kind === "order" && key) view = await orderView(key);
    else if (kind === "product" && key) view = await productView(key);
    else if (kind === "participant" && key) view = await participantView(key);
    else if (kind === "country" && key) view = await countryView(key, params);
    else if (kind === "token" && key) view = await tokenView(key);
    else if (kind === "search") {
      await runSearch(params.get("q") ?? "");
      return;
    } else view = await homeView();
    main.replaceChildren(view);
    document.title = `${(view.querySelector("h1")?.textContent ?? "").slice(0, 60)} · TradeChain Explorer`;
  } catch (err) {
    showError(err);
  }
}

function showError(err: unknown): void {
  const notFound = err instanceof ApiError && err.status === 404;
  main.replaceChildren(
    h(
      "div",
      { class: "error", role: "alert" },
      h("h1", {}, notFound ? "Not found" : "Cannot show this"),
      h("p", { id: "error-message" }, err instanceof Error ? err.message : String(err)),
    ),
  );
}

function navigate(path: string): void {
  window.history.pushState({}, "", path);
  window.scrollTo(0, 0);
  void render();
}

async function runSearch(q: string): Promise<void> {
  try {
    const found = await api(`/api/search?q=${encodeURIComponent(q)}`);
    window.history.replaceState({}, "", String(found.path));
    await render();
  } catch (err) {
    showError(err);
  }
}

document.getElementById("search")?.addEventListener("submit", (e) => {
  e.preventDefault();
  const q = input.value.trim();
  window.history.pushState({}, "", `/search?q=${encodeURIComponent(q)}`);
  void runSearch(q);
});
window.addEventListener("popstate", () => void render());
document.querySelector<HTMLAnchorElement>("a.brand")?.addEventListener("click", (e) => {
  e.preventDefault();
  navigate("/");
});

// ------------------------------------------------------------------------------ status banner

const STATUS_POLL_MS = 2000;

async function pollStatus(): Promise<void> {
  try {
    const s = await api("/api/status");
    txUrlTemplate = typeof s.txUrl === "string" ? s.txUrl : null;
    const indexed = String(s.indexedBlock ?? "—");
    const head = String(s.headBlock ?? "—");
    footer.textContent = `Chain ${String(s.chainId ?? "—")} · indexed block ${indexed} of ${head} · ${String(s.eventsIndexed)} events · times in UTC`;
    if (s.stale === true) {
      banner.className = "banner stale";
      banner.replaceChildren(
        h("strong", {}, "This data may be stale: "),
        (s.problems as string[]).join("; "),
        `. To rebuild: ${String(s.rebuild)}.`,
      );
      banner.hidden = false;
    } else if (Number(s.blocksBehind) > 0) {
      banner.className = "banner behind";
      banner.replaceChildren(
        `The indexer is ${String(s.blocksBehind)} blocks behind the chain (indexed ${indexed} of ${head}); recent events may be missing.`,
      );
      banner.hidden = false;
    } else banner.hidden = true;
  } catch (err) {
    banner.className = "banner stale";
    banner.textContent = `The explorer's server does not answer: ${err instanceof Error ? err.message : String(err)}`;
    banner.hidden = false;
  }
}

void pollStatus();
window.setInterval(() => void pollStatus(), STATUS_POLL_MS);
void render();
