/**
 * The cross-currency escrow's guard rails (docs/fx.md), kept by its desk and set by the escrow
 * admin: `tradechain:fx:set-limit` (a provider's cap on open exposure in a pair),
 * `tradechain:fx:set-feed` (a pair's reference feed, or none) and `tradechain:fx:show` (the
 * providers' lines and the pairs' feeds, read only). Currencies are the deployment's codes (USD,
 * CNY); amounts are whole units of the payout currency.
 */
import { Contract } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import {
  CliError,
  type DeploymentArgs,
  deploymentClient,
  openContext,
  parseAddress,
  runTask,
  type TaskContext,
  txLine,
} from "./context.js";
import { adminClient } from "./escrow-settings.js";
import { assertCodeAt, DeploymentRefused } from "@tradechain/devkit/deploy";
import { renderTable } from "@tradechain/devkit/table";
import {
  decodeError,
  describeError,
  formatBps,
  formatDuration,
  formatTimestamp,
  IGNITION_FUTURES,
  parseAmount,
  type TradeChainClient,
  type TradeFxDesk,
  TradeFxDesk__factory,
  type TradeFxEscrow,
  TradeFxEscrow__factory,
} from "@tradechain/sdk";

/** The desk's largest cap (`uint128`). */
const MAX_CAP = 2n ** 128n - 1n;
/** The desk's largest maximum age (`uint32` seconds). */
const MAX_AGE = 2n ** 32n - 1n;
/** Seconds per unit of `--max-age`. */
const AGE_UNITS: Readonly<Record<string, bigint>> = { s: 1n, m: 60n, h: 3_600n, d: 86_400n };
/** What a reference feed must answer (Chainlink's `AggregatorV3Interface`). */
const FEED_ABI = [
  "function decimals() view returns (uint8)",
  "function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)",
];

/** The deployment's cross-currency escrow and its desk, read through `client`. */
export interface FxParts {
  readonly address: string;
  readonly fx: TradeFxEscrow;
  readonly desk: TradeFxDesk;
}

/** One currency of a pair: its code in the deployment and its token. */
export interface Currency {
  readonly currency: string;
  readonly token: string;
}

/** A currency pair: the buyer pays in `pay`, the seller is paid in `payout`. */
export interface Pair {
  readonly pay: Currency;
  readonly payout: Currency;
}

/** Arguments of `tradechain:fx:set-limit`. */
export interface FxLimitArgs extends DeploymentArgs {
  readonly provider?: string;
  readonly pay?: string;
  readonly payout?: string;
  /** Whole units of the payout currency; 0 stops the provider's new orders in the pair. */
  readonly cap?: string;
  readonly from?: string;
}

/** Arguments of `tradechain:fx:set-feed`. */
export interface FxFeedArgs extends DeploymentArgs {
  readonly pay?: string;
  readonly payout?: string;
  /** The feed's address, or `none` to remove the pair's feed. */
  readonly feed?: string;
  /** Oldest answer accepted: seconds, or with a unit (`90m`, `1h`, `1d`). */
  readonly maxAge?: string;
  /** Largest distance of a quote from the feed, in basis points. */
  readonly maxDeviationBps?: string;
  readonly from?: string;
}

/** Arguments of `tradechain:fx:show`. */
export interface FxShowArgs extends DeploymentArgs {
  /** Only this provider's lines. */
  readonly provider?: string;
}

/** A provider's line in a pair, as the desk has it. */
export interface FxLineView {
  readonly line: number;
  readonly provider: string;
  readonly payToken: string;
  readonly payoutToken: string;
  readonly cap: bigint;
  readonly open: bigint;
}

/** A pair's reference feed, as the desk has it (`feed` zero: none). */
export interface FxFeedView extends Pair {
  readonly feed: string;
  readonly maxAge: number;
  readonly maxDeviationBps: number;
  /** The payout for one whole unit of the pay currency at the feed's rate, or why there is none. */
  readonly reference: bigint | string;
}

/**
 * The deployment's cross-currency escrow and desk, connected to `client`'s runner; a deployment
 * without one (recorded before `ignition/modules/Fx.ts`) or whose escrow has no code is refused.
 */
export async function fxParts(ctx: TaskContext, client: TradeChainClient): Promise<FxParts> {
  const address = client.addresses.fxEscrow;
  if (address === undefined) {
    throw new CliError(
      `the deployment in ${ctx.deploymentFolder} has no cross-currency escrow ` +
        `(${IGNITION_FUTURES.fxEscrow}): deploy it with tradechain:deploy (ignition/modules/Fx.ts)`,
    );
  }
  try {
    await assertCodeAt(
      ctx.connection.ethers.provider,
      { [IGNITION_FUTURES.fxEscrow]: address },
      {
        chainId: ctx.chainId,
        folder: ctx.deploymentFolder,
        remedy: "redeploy with tradechain:deploy --reset, or pass another --deployment-id",
      },
    );
  } catch (err) {
    throw err instanceof DeploymentRefused ? new CliError(err.message) : err;
  }
  const runner = client.runner;
  const fx = TradeFxEscrow__factory.connect(address, runner);
  return { address, fx, desk: TradeFxDesk__factory.connect(await fx.fxDesk(), runner) };
}

/** A currency of the deployment by its code (`usd` → USD and its token). */
export function parseCurrency(
  client: TradeChainClient,
  text: string | undefined,
  what: string,
): Currency {
  const currencies = Object.keys(client.addresses.tokens).join(", ");
  const currency = (text ?? "").trim().toUpperCase();
  if (currency === "") throw new CliError(`${what} is required: a currency (${currencies})`);
  const token = client.addresses.tokens[currency];
  if (token === undefined) {
    throw new CliError(`${what}: no ${currency} token in this deployment (have ${currencies})`);
  }
  return { currency, token };
}

/** `--pay` and `--payout`: two different currencies of the deployment. */
export function parsePair(
  client: TradeChainClient,
  args: { readonly pay?: string; readonly payout?: string },
): Pair {
  const pay = parseCurrency(client, args.pay, "--pay");
  const payout = parseCurrency(client, args.payout, "--payout");
  if (pay.token === payout.token) {
    throw new CliError(`--pay and --payout are both ${pay.currency}: a pair has two currencies`);
  }
  return { pay, payout };
}

/** A cap in whole units of the payout currency: zero or more, within the desk's `uint128`. */
export function parseCap(text: string | undefined, decimals: number, currency: string): bigint {
  if (text === undefined || text.trim() === "") {
    throw new CliError(
      `--cap is required: the most ${currency} in the provider's open orders, e.g. 100,000 ` +
        `(0 stops its new orders)`,
    );
  }
  let cap: bigint;
  try {
    cap = parseAmount(text, decimals);
  } catch (err) {
    throw new CliError(`--cap: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (cap < 0n) throw new CliError(`--cap: must not be negative, got "${text}"`);
  if (cap > MAX_CAP) throw new CliError(`--cap: "${text}" is over the desk's largest cap`);
  return cap;
}

/** `--max-age`: seconds (`3600`) or with a unit (`90m`, `1h`, `2d`), from 1 s to 2^32 − 1 s. */
export function parseMaxAge(text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") {
    throw new CliError("--max-age is required with a feed: seconds, or 90m, 1h, 1d");
  }
  const match = /^(\d+)\s*([smhd]?)$/i.exec(trimmed);
  const seconds = match === null ? 0n : BigInt(match[1]) * AGE_UNITS[match[2].toLowerCase() || "s"];
  if (match === null || seconds === 0n || seconds > MAX_AGE) {
    throw new CliError(
      `--max-age: "${trimmed}" is not a duration from 1s to ${MAX_AGE}s (seconds, or 90m, 1h, 1d)`,
    );
  }
  return Number(seconds);
}

/** `--max-deviation-bps`: whole basis points from 0 to 10,000 (100%). */
export function parseDeviation(text: string | undefined): number {
  const trimmed = (text ?? "").trim();
  const bps = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(bps <= 10_000)) {
    throw new CliError(
      `--max-deviation-bps: give basis points from 0 to 10000 (100 = 1%), got "${text ?? ""}"`,
    );
  }
  return bps;
}

/** `--feed`: `none` (remove) or the address of a contract answering like a Chainlink feed. */
async function parseFeed(ctx: TaskContext, text: string | undefined): Promise<string> {
  const trimmed = (text ?? "").trim();
  if (trimmed === "") {
    throw new CliError("--feed is required: the feed's address, or none to remove the pair's feed");
  }
  if (trimmed.toLowerCase() === "none") return "0x0000000000000000000000000000000000000000";
  const feed = parseAddress(trimmed, "--feed");
  const provider = ctx.connection.ethers.provider;
  if ((await provider.getCode(feed)) === "0x") {
    throw new CliError(`--feed: no contract at ${feed} on this chain`);
  }
  try {
    const aggregator = new Contract(feed, FEED_ABI, provider);
    await aggregator.decimals();
    await aggregator.latestRoundData();
  } catch {
    throw new CliError(
      `--feed: ${feed} does not answer decimals() and latestRoundData() (AggregatorV3Interface)`,
    );
  }
  return feed;
}

/** "USD → CNY". */
function pairText(pair: Pair): string {
  return `${pair.pay.currency} → ${pair.payout.currency}`;
}

/** Sets a provider's cap on open exposure in a pair, sent by the escrow's admin. */
export async function setFxLimit(ctx: TaskContext, args: FxLimitArgs): Promise<FxLineView> {
  const provider = parseAddress(args.provider, "--provider");
  const reader = await deploymentClient(ctx);
  const pair = parsePair(reader, args);
  const info = await reader.tokenInfo(pair.payout.currency);
  const cap = parseCap(args.cap, info.decimals, pair.payout.currency);
  await fxParts(ctx, reader);
  if (cap > 0n && !(await reader.participantOf(provider)).roleNames.includes("FxProvider")) {
    throw new CliError(
      `--provider ${provider} is not a registered FX provider: register it first ` +
        `(tradechain:participant:register --roles FxProvider)`,
    );
  }
  const client = await adminClient(ctx, args.from);
  const { desk } = await fxParts(ctx, client);
  const receipt = await client.setFxLimit(provider, pair.pay.token, pair.payout.token, cap);
  const event = receipt.logs
    .map((log) => desk.interface.parseLog(log))
    .find((parsed) => parsed?.name === "FxLimitSet");
  const { cap: now, open } = await client.fxLimitOf(provider, pair.pay.token, pair.payout.token);
  const line = Number(event?.args.line ?? 0);
  ctx.print(
    `Cap of ${provider} on ${pairText(pair)}: ${await client.formatAmount(pair.payout.currency, now)} ` +
      `(line ${line}, open ${await client.formatAmount(pair.payout.currency, open)})`,
  );
  ctx.print(txLine(receipt));
  return {
    line,
    provider,
    payToken: pair.pay.token,
    payoutToken: pair.payout.token,
    cap: now,
    open,
  };
}

/** Sets (or with `--feed none` removes) a pair's reference feed, sent by the escrow's admin. */
export async function setFxFeed(ctx: TaskContext, args: FxFeedArgs): Promise<FxFeedView> {
  const reader = await deploymentClient(ctx);
  const pair = parsePair(reader, args);
  const feed = await parseFeed(ctx, args.feed);
  const removing = BigInt(feed) === 0n;
  const maxAge = removing ? 0 : parseMaxAge(args.maxAge);
  const maxDeviationBps = removing ? 0 : parseDeviation(args.maxDeviationBps);
  await fxParts(ctx, reader);
  const client = await adminClient(ctx, args.from);
  const { desk } = await fxParts(ctx, client);
  const receipt = await client.setFxFeed(
    pair.pay.token,
    pair.payout.token,
    removing ? undefined : feed,
    {
      maxAge,
      maxDeviationBps,
    },
  );
  const view = await feedOf(client, desk, pair);
  ctx.print(
    removing
      ? `${pairText(pair)} has no reference feed: quotes are checked against the caps only`
      : `Reference feed of ${pairText(pair)}: ${view.feed}, answers up to ` +
          `${formatDuration(view.maxAge)} old, quotes within ${formatBps(view.maxDeviationBps)}; ` +
          `${typeof view.reference === "bigint" ? "" : "no reference now: "}` +
          `${await referenceText(client, view)}`,
  );
  ctx.print(txLine(receipt));
  return view;
}

/** Every pair of two different currencies of the deployment. */
function pairsOf(client: TradeChainClient): Pair[] {
  const currencies = Object.entries(client.addresses.tokens).map(([currency, token]) => ({
    currency,
    token,
  }));
  return currencies.flatMap((pay) =>
    currencies.filter((payout) => payout.token !== pay.token).map((payout) => ({ pay, payout })),
  );
}

/** A pair's feed setting and its reference payout for one whole unit of the pay currency. */
async function feedOf(client: TradeChainClient, desk: TradeFxDesk, pair: Pair) {
  const [feed, maxAge, maxDeviationBps] = await desk.fxFeedOf(pair.pay.token, pair.payout.token);
  let reference: bigint | string = "no feed";
  if (BigInt(feed) !== 0n) {
    const unit = 10n ** BigInt((await client.tokenInfo(pair.pay.currency)).decimals);
    reference = await desk
      .referencePayout(pair.pay.token, pair.payout.token, unit)
      .catch(whyNoReference);
  }
  return {
    ...pair,
    feed,
    maxAge: Number(maxAge),
    maxDeviationBps: Number(maxDeviationBps),
    reference,
  } satisfies FxFeedView;
}

/** Why the desk gives no reference now, short enough for a table cell. */
function whyNoReference(err: unknown): string {
  const decoded = decodeError(err);
  const arg = (name: string) => decoded?.args.find((a) => a.name === name)?.value;
  if (decoded?.name === "FxFeedStale") {
    return `stale, answered ${formatTimestamp(BigInt(arg("updatedAt") ?? 0n))}`;
  }
  if (decoded?.name === "FxFeedInvalid") return `unusable answer ${String(arg("answer"))}`;
  return describeError(err).split("\n")[0];
}

/** "1 USD = CN¥ 7.10", or why the feed gives no reference now. */
async function referenceText(client: TradeChainClient, view: FxFeedView): Promise<string> {
  return typeof view.reference === "bigint"
    ? `1 ${view.pay.currency} = ${await client.formatAmount(view.payout.currency, view.reference)}`
    : view.reference;
}

/** Every line of the desk (line 0 is "none"; lines are numbered from 1 without gaps). */
async function linesOf(desk: TradeFxDesk): Promise<FxLineView[]> {
  const lines: FxLineView[] = [];
  for (let line = 1; ; line++) {
    const [provider, payToken, payoutToken] = await desk.lineOf(line);
    if (BigInt(provider) === 0n) return lines;
    const [cap, open] = await desk.fxLimitOf(provider, payToken, payoutToken);
    lines.push({ line, provider, payToken, payoutToken, cap, open });
  }
}

/** Prints the pairs' reference feeds and the providers' lines (or one provider's). */
export async function showFx(
  ctx: TaskContext,
  args: FxShowArgs,
): Promise<{ feeds: FxFeedView[]; lines: FxLineView[] }> {
  const only =
    args.provider === undefined || args.provider.trim() === ""
      ? undefined
      : parseAddress(args.provider, "--provider");
  const client = await deploymentClient(ctx);
  const { address, desk } = await fxParts(ctx, client);
  const feeds = await Promise.all(pairsOf(client).map((pair) => feedOf(client, desk, pair)));
  const lines = (await linesOf(desk)).filter((l) => only === undefined || l.provider === only);
  ctx.print(`TradeFxEscrow ${address}, desk ${await desk.getAddress()} (chain ${ctx.chainId})`);
  const feedRows: string[][] = [];
  for (const view of feeds) {
    const none = BigInt(view.feed) === 0n;
    feedRows.push([
      pairText(view),
      none ? "none" : view.feed,
      none ? "-" : formatDuration(view.maxAge),
      none ? "-" : formatBps(view.maxDeviationBps),
      none ? "-" : await referenceText(client, view),
    ]);
  }
  ctx.print(
    renderTable(
      ["Pair", "Reference feed", "Max age", "Max deviation", { title: "Reference", wrap: true }],
      feedRows,
    ),
  );
  const whose = only === undefined ? "" : ` of ${only}`;
  if (lines.length === 0) {
    ctx.print(`No provider lines${whose}: set a cap with tradechain:fx:set-limit`);
    return { feeds, lines };
  }
  const currencyOf = (token: string) =>
    Object.entries(client.addresses.tokens).find(([, t]) => t === token)?.[0] ?? token;
  const money = (token: string, units: bigint) => client.formatAmount(token, units);
  const lineRows: string[][] = [];
  for (const l of lines) {
    lineRows.push([
      String(l.line),
      l.provider,
      `${currencyOf(l.payToken)} → ${currencyOf(l.payoutToken)}`,
      await money(l.payoutToken, l.cap),
      await money(l.payoutToken, l.open),
      await money(l.payoutToken, l.cap > l.open ? l.cap - l.open : 0n),
    ]);
  }
  ctx.print(`Provider lines${whose}: ${lines.length}`);
  ctx.print(
    renderTable(
      [
        { title: "Line", align: "right" },
        "Provider",
        "Pair",
        { title: "Cap", align: "right" },
        { title: "Open", align: "right" },
        { title: "Available", align: "right" },
      ],
      lineRows,
    ),
  );
  return { feeds, lines };
}

export async function setLimitAction(args: FxLimitArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:fx:set-limit", async () => {
    await setFxLimit(await openContext(hre, args), args);
  });
}

export async function setFeedAction(args: FxFeedArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:fx:set-feed", async () => {
    await setFxFeed(await openContext(hre, args), args);
  });
}

export async function showAction(args: FxShowArgs, hre: HardhatRuntimeEnvironment) {
  await runTask("tradechain:fx:show", async () => {
    await showFx(await openContext(hre, args), args);
  });
}
