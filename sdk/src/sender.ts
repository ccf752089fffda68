/**
 * The part of a client every facet shares: the runner, the bindings, the caches (order terms,
 * token metadata, labels, chain id) and the one path every transaction is sent through.
 */
import {
  type AccessList,
  BaseWallet,
  type ContractTransaction,
  Contract,
  ContractTransactionReceipt,
  type ContractTransactionResponse,
  getAddress,
  type Interface,
  keccak256,
  makeError,
  type Provider,
  type Signer,
  type TransactionReceipt,
  type TransactionRequest,
} from "ethers";

import type { SettlementToken } from "./contracts/token/SettlementToken.js";
import type { TradeEscrow } from "./contracts/escrow/TradeEscrow.js";
import type { TradeFxEscrow } from "./contracts/escrow/TradeFxEscrow.js";
import type { TradeRegistry } from "./contracts/registry/TradeRegistry.js";
import { SettlementToken__factory } from "./contracts/factories/token/SettlementToken__factory.js";
import { TradeEscrow__factory } from "./contracts/factories/escrow/TradeEscrow__factory.js";
import { TradeFxEscrow__factory } from "./contracts/factories/escrow/TradeFxEscrow__factory.js";
import { TradeRegistry__factory } from "./contracts/factories/registry/TradeRegistry__factory.js";
import { parseAddress } from "./address.js";
import { type DescribeContext, toTradeChainError } from "./errors.js";
import { clientError } from "./failure.js";
import { formatAmount } from "./format.js";
import {
  isFeeError,
  isNonceError,
  isOutOfGasError,
  isSyncTimeoutError,
  isUnsupportedMethodError,
  rawRpc,
  receiptPollDelay,
} from "./rpc.js";
import type { FeeFields, SharedState } from "./shared.js";
import type { TokenInfo, TradeChainAddresses } from "./types.js";

/** The suite's ABIs, parsed once per process (not once per client or token lookup). */
const INTERFACES = {
  escrow: TradeEscrow__factory.createInterface(),
  fxEscrow: TradeFxEscrow__factory.createInterface(),
  registry: TradeRegistry__factory.createInterface(),
  token: SettlementToken__factory.createInterface(),
};

/** A TypeChain-typed binding over an already parsed ABI. */
function bind<T>(address: string, iface: Interface, runner: Signer | Provider): T {
  return new Contract(address, iface, runner) as unknown as T;
}

/** Receipt poll interval when neither the options nor the provider name one. */
export const DEFAULT_POLLING_INTERVAL_MS = 1_000;
/**
 * Gas headroom over an estimate: the larger of half the estimate and this many units. One estimate
 * serves every later call of its kind, and a later call may write slots the estimated one found
 * already set: a close writes up to four fresh ones (two credit records, a claimable balance, the
 * accrued fees), about 20k gas each.
 */
export const MIN_GAS_HEADROOM = 100_000n;

/**
 * The next nonce of one account and the queue its sends wait in. Kept per provider and
 * address (not per client), so every client sending as one wallet over one provider agrees.
 */
interface NonceSlot {
  next: number | undefined;
  queue: Promise<unknown>;
  /** Sends enqueued and not yet started. */
  waiting: number;
}

const NONCE_SLOTS = new WeakMap<object, Map<string, NonceSlot>>();

function nonceSlot(provider: Provider, address: string): NonceSlot {
  let slots = NONCE_SLOTS.get(provider);
  if (slots === undefined) {
    slots = new Map();
    NONCE_SLOTS.set(provider, slots);
  }
  let slot = slots.get(address);
  if (slot === undefined) {
    slot = { next: undefined, queue: Promise.resolve(), waiting: 0 };
    slots.set(address, slot);
  }
  return slot;
}

/**
 * Whether a provider's node answers `eth_sendRawTransactionSync` (EIP-7966: the send returns
 * once the transaction is included; Anvil does, hardhat node does not). Learnt from the first
 * send that tries it.
 */
const SYNC_SEND = new WeakMap<object, boolean>();

/** The error of a read-only client asked to send or sign. */
function readOnlyError(cause?: unknown) {
  return clientError(
    "NO_SIGNER",
    "NoSigner",
    "This TradeChainClient is read-only: connect it to a Signer to send or sign",
    {},
    cause,
  );
}

/** ethers' refusal to send through a runner that is only a provider. */
function isNoSignerError(err: unknown): boolean {
  const e = err as { code?: unknown; operation?: unknown };
  return e.code === "UNSUPPORTED_OPERATION" && e.operation === "sendTransaction";
}

/**
 * The escrow an order lives on: the deployment's `TradeEscrow` or its cross-currency
 * `TradeFxEscrow` (both run the same lifecycle, `EscrowCore`, with the same functions and events).
 */
export type OrderEscrow = TradeEscrow | TradeFxEscrow;

/** The error of an FX operation on a deployment without a cross-currency escrow. */
export function noFxEscrowError() {
  return clientError(
    "DEPLOYMENT",
    "FxEscrowMissing",
    "This deployment has no cross-currency escrow (addresses.fxEscrow): deploy the Fx module " +
      "(ignition/modules/Fx.ts) or give its address to the client",
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What {@link Sender.transact} needs to know about a call besides its transaction. */
export interface CallPlan {
  /** The contract whose events the receipt's logs are parsed with. */
  readonly iface: Interface;
  /** Currency or token address amounts in error messages are formatted in. */
  readonly currency?: string;
  /** The function called (batches: the function batched), named in status errors. */
  readonly call?: string;
  /** Cache key of the gas limit; default the target and selector. */
  readonly gasKey?: string;
  /** Contracts the call reaches besides its target (sent as an access list when enabled). */
  readonly touches?: readonly string[];
}

/** One runner's view of a deployment: bindings, shared caches and the send path. */
export class Sender {
  /** The deployment's addresses. */
  readonly addresses: TradeChainAddresses;
  /** The signer or provider the client acts through. */
  readonly runner: Signer | Provider;
  /** TypeChain binding of the escrow, connected to the runner. */
  readonly escrow: TradeEscrow;
  /** TypeChain binding of the cross-currency escrow, when the deployment has one. */
  readonly fxEscrow: TradeFxEscrow | undefined;
  /** TypeChain binding of the registry, connected to the runner. */
  readonly registry: TradeRegistry;
  /** TypeChain bindings of the settlement tokens by currency code. */
  readonly tokens: Readonly<Record<string, SettlementToken>>;
  /** Caches shared with every client connected from the same one. */
  readonly shared: SharedState;
  /** The signer's address, asked once. */
  #from: Promise<string> | undefined;
  /** Token bindings by checksummed address (the deployment's and any other used). */
  readonly #tokensByAddress = new Map<string, SettlementToken>();

  constructor(runner: Signer | Provider, addresses: TradeChainAddresses, shared: SharedState) {
    this.runner = runner;
    this.addresses = addresses;
    this.shared = shared;
    this.escrow = bind<TradeEscrow>(addresses.escrow, INTERFACES.escrow, runner);
    this.fxEscrow =
      addresses.fxEscrow === undefined
        ? undefined
        : bind<TradeFxEscrow>(addresses.fxEscrow, INTERFACES.fxEscrow, runner);
    this.registry = bind<TradeRegistry>(addresses.registry, INTERFACES.registry, runner);
    this.tokens = Object.fromEntries(
      Object.entries(addresses.tokens).map(([currency, address]) => {
        const token = bind<SettlementToken>(address, INTERFACES.token, runner);
        this.#tokensByAddress.set(getAddress(address), token);
        return [currency.toUpperCase(), token];
      }),
    );
  }

  /** The cross-currency escrow; a {@link TradeChainError} (`FxEscrowMissing`) without one. */
  requireFx(): TradeFxEscrow {
    if (this.fxEscrow === undefined) throw noFxEscrowError();
    return this.fxEscrow;
  }

  /** The binding of the escrow at `address` (the deployment's or its cross-currency one). */
  escrowAt(address: string): OrderEscrow {
    return this.fxEscrow !== undefined && getAddress(address) === this.addresses.fxEscrow
      ? this.fxEscrow
      : this.escrow;
  }

  // -------------------------------------------------------------------------- accounts

  /** The signer; throws for a read-only client. */
  get signer(): Signer {
    const runner = this.runner as Partial<Signer>;
    if (typeof runner.signTypedData !== "function" || typeof runner.getAddress !== "function") {
      throw readOnlyError();
    }
    return this.runner as Signer;
  }

  /** The provider behind the runner. */
  get provider(): Provider {
    const provider = (this.runner as Signer).provider ?? (this.runner as Provider);
    if (provider === null || typeof provider.getLogs !== "function") {
      throw clientError(
        "INVALID_ARGUMENT",
        "NoProvider",
        "The TradeChainClient's signer has no provider: connect it first (wallet.connect(provider))",
      );
    }
    return provider;
  }

  /** Names an address in error messages. */
  label(address: string, name: string): void {
    this.shared.labels.set(parseAddress(address).toLowerCase(), name);
  }

  /** The chain id (cached). */
  chainId(): Promise<bigint> {
    this.shared.chainId ??= this.provider.getNetwork().then((network) => network.chainId);
    return this.shared.chainId;
  }

  /** The latest block's timestamp: "now" for deadlines, also on a chain whose time was moved. */
  async now(): Promise<bigint> {
    const block = await this.provider.getBlock("latest");
    if (block === null)
      throw clientError("NETWORK", "NoBlock", "The node returned no latest block");
    return BigInt(block.timestamp);
  }

  // -------------------------------------------------------------------------- token lookup

  /** The settlement token of a currency code or address of the deployment. */
  token(currencyOrAddress: string): SettlementToken {
    const byCurrency = this.tokens[currencyOrAddress.toUpperCase()];
    if (byCurrency !== undefined) return byCurrency;
    if (/^0x/i.test(currencyOrAddress.trim())) {
      const address = parseAddress(currencyOrAddress, "token");
      let token = this.#tokensByAddress.get(address);
      if (token === undefined) {
        token = bind<SettlementToken>(address, INTERFACES.token, this.runner);
        this.#tokensByAddress.set(address, token);
      }
      return token;
    }
    throw clientError(
      "UNKNOWN_CURRENCY",
      "UnknownCurrency",
      `No "${currencyOrAddress}" token in this deployment ` +
        `(have ${Object.keys(this.tokens).join(", ")}; or give a token address)`,
      { currency: currencyOrAddress },
    );
  }

  /** A token's address from its currency code or address. */
  tokenAddress(currencyOrAddress: string): string {
    const byCurrency = this.addresses.tokens[currencyOrAddress.toUpperCase()];
    return getAddress(byCurrency ?? this.token(currencyOrAddress).target.toString());
  }

  /** Currency, symbol and decimals of a token (cached). */
  tokenInfo(currencyOrAddress: string): Promise<TokenInfo> {
    const address = this.tokenAddress(currencyOrAddress);
    let info = this.shared.tokenInfo.get(address);
    if (info === undefined) {
      const token = this.token(address);
      info = Promise.all([token.currency(), token.symbol(), token.decimals()]).then(
        ([currency, symbol, decimals]) => ({
          address,
          currency,
          symbol,
          decimals: Number(decimals),
        }),
      );
      info.catch(() => this.shared.tokenInfo.delete(address));
      this.shared.tokenInfo.set(address, info);
    }
    return info;
  }

  // -------------------------------------------------------------------------- sending

  /**
   * Sends the transaction `build` makes and waits for its receipt, with the nonce from this
   * account's queue (sends of one wallet reach the node in nonce order), the cached chain id and
   * fee data, and a gas limit estimated once per kind of call (plus headroom). Two JSON-RPC calls
   * per transaction once warm: the send and the receipt (and, on a provider without
   * `staticNetwork`, ethers' own check of the chain id before the receipt). A revert is rethrown as a
   * {@link TradeChainError}, also when the node mined the transaction with status 0.
   */
  async transact(
    build: () => Promise<ContractTransaction>,
    plan: CallPlan,
  ): Promise<ContractTransactionReceipt> {
    try {
      const call = await build();
      return await this.#transact(call, plan, true);
    } catch (err) {
      throw toTradeChainError(err, await this.errorContext(plan.currency, plan.call));
    }
  }

  /**
   * Sends a plain transaction (gas money, a call the facets do not cover) through this
   * account's nonce queue and waits for the receipt.
   */
  async sendTransaction(request: TransactionRequest): Promise<TransactionReceipt> {
    const given = request.to === undefined || request.to === null ? undefined : String(request.to);
    // A wrong mixed-case checksum is refused before anything is signed.
    const to = given === undefined ? undefined : parseAddress(given, "to");
    const call = { to, data: request.data ?? "0x", value: request.value } as ContractTransaction;
    return this.#transact(call, { iface: this.escrow.interface, gasKey: `plain:${to}` }, true, {
      gasLimit: request.gasLimit ?? undefined,
    });
  }

  async #transact(
    call: ContractTransaction,
    plan: CallPlan,
    retryOutOfGas: boolean,
    overrides: { gasLimit?: bigint | number | string } = {},
  ): Promise<ContractTransactionReceipt> {
    const signer = this.signer;
    const from = await this.#address();
    const gasKey = plan.gasKey ?? `${call.to.toLowerCase()}:${call.data.slice(0, 10)}`;
    const request: TransactionRequest = {
      to: call.to,
      data: call.data,
      value: call.value ?? 0n,
      chainId: await this.chainId(),
      gasLimit:
        overrides.gasLimit === undefined
          ? await this.#gasLimit(gasKey, { ...call, from })
          : BigInt(overrides.gasLimit),
    };
    if (this.shared.accessLists && plan.touches !== undefined && plan.touches.length > 0) {
      const list: AccessList = plan.touches.map((address) => ({ address, storageKeys: [] }));
      request.accessList = list;
    }
    let hash: string;
    try {
      hash = await this.#broadcast(signer, from, request);
    } catch (err) {
      // The cached limit was estimated on another state of the same call (a cross-currency
      // creation costs up to ~100k more when its payout leg comes from the provider's allowance
      // into fresh storage than from its float): estimate this one and send it once more. The
      // nonce is read again (#broadcast forgets it after a failed send).
      if (isOutOfGasError(err) && retryOutOfGas && overrides.gasLimit === undefined) {
        this.shared.gasLimits.delete(gasKey);
        return this.#transact(call, plan, false);
      }
      throw err;
    }
    const receipt = await this.#waitForReceipt(hash);
    if (receipt.status === 1)
      return new ContractTransactionReceipt(plan.iface, this.provider, receipt);

    // Mined but reverted (a node that accepts failing transactions, e.g. Anvil): replay the call
    // on the parent block to recover the revert data, or retry once when it ran out of gas.
    const outOfGas = receipt.gasUsed >= BigInt(request.gasLimit ?? 0n);
    if (outOfGas && retryOutOfGas && overrides.gasLimit === undefined) {
      this.shared.gasLimits.delete(gasKey);
      return this.#transact(call, plan, false);
    }
    await this.provider.call({
      to: call.to,
      from,
      data: call.data,
      value: call.value,
      gasLimit: request.gasLimit,
      blockTag: Math.max(0, receipt.blockNumber - 1),
    });
    throw makeError(
      `Transaction ${hash} reverted${outOfGas ? " (out of gas)" : ""}`,
      "CALL_EXCEPTION",
      {
        action: "sendTransaction",
        data: null,
        reason: null,
        invocation: null,
        revert: null,
        transaction: { to: call.to, from, data: call.data },
        receipt,
      },
    );
  }

  #address(): Promise<string> {
    this.#from ??= this.signer.getAddress().then(getAddress);
    return this.#from;
  }

  /** The cached gas limit of a kind of call: one estimate plus headroom. */
  #gasLimit(key: string, call: TransactionRequest): Promise<bigint> {
    let limit = this.shared.gasLimits.get(key);
    if (limit === undefined) {
      limit = this.#estimate(call).then((estimate) => {
        const half = estimate / 2n;
        return estimate + (half > MIN_GAS_HEADROOM ? half : MIN_GAS_HEADROOM);
      });
      limit.catch(() => this.shared.gasLimits.delete(key));
      this.shared.gasLimits.set(key, limit);
    }
    return limit;
  }

  /** An estimate of `call` by the node. */
  #estimate(call: TransactionRequest): Promise<bigint> {
    return this.provider.estimateGas(call);
  }

  /** Fee fields from the node's fee data, reused for `feeDataTtlMs`. */
  #feeFields(refresh = false): Promise<FeeFields> {
    const cached = this.shared.fees;
    if (!refresh && cached !== undefined && Date.now() - cached.at < this.shared.feeDataTtlMs) {
      return cached.fields;
    }
    const fields = this.provider.getFeeData().then((data): FeeFields => {
      if (data.maxFeePerGas !== null && data.maxPriorityFeePerGas !== null) {
        return {
          type: 2,
          maxFeePerGas: data.maxFeePerGas,
          maxPriorityFeePerGas: data.maxPriorityFeePerGas,
        };
      }
      if (data.gasPrice === null) {
        throw clientError("NETWORK", "NoFeeData", "The node returned no fee data");
      }
      return { type: 0, gasPrice: data.gasPrice };
    });
    fields.catch(() => {
      if (this.shared.fees?.fields === fields) this.shared.fees = undefined;
    });
    this.shared.fees = { at: Date.now(), fields };
    return fields;
  }

  /**
   * Signs and submits `request` in this account's nonce queue and returns its hash. A nonce the
   * node refuses (another program sent from the wallet) or a fee below the base fee is fixed
   * and the send retried once.
   */
  async #broadcast(signer: Signer, from: string, request: TransactionRequest): Promise<string> {
    const provider = this.provider;
    const slot = nonceSlot(provider, from);
    slot.waiting += 1;
    const run = slot.queue.then(async () => {
      slot.waiting -= 1;
      // A send nobody of this account waits behind may wait for its inclusion in the node.
      const sync = slot.waiting === 0;
      let fees = await this.#feeFields();
      for (let attempt = 0; ; attempt++) {
        slot.next ??= await this.#pendingNonce(from);
        const nonce = slot.next;
        try {
          const hash = await this.#submit(signer, { ...request, ...fees, nonce, from }, sync);
          slot.next = nonce + 1;
          return hash;
        } catch (err) {
          // The node may have mined a failing transaction (nonce used) or refused it (not).
          slot.next = undefined;
          if (attempt > 0) throw err;
          if (isNonceError(err)) continue;
          if (isFeeError(err)) {
            fees = await this.#feeFields(true);
            continue;
          }
          throw err;
        }
      }
    });
    slot.queue = run.catch(() => undefined);
    return run;
  }

  /** The account's next nonce from the node (bypassing any provider cache). */
  async #pendingNonce(from: string): Promise<number> {
    const raw = rawRpc(this.provider);
    if (raw === undefined) return this.provider.getTransactionCount(from, "pending");
    return Number(await raw.send("eth_getTransactionCount", [from, "pending"]));
  }

  /**
   * Signs and submits one transaction and returns its hash. A local key (`Wallet`,
   * `HDNodeWallet`) signs with its public `signTransaction`, and the raw transaction goes out in
   * one JSON-RPC call through the provider's public `send`: `eth_sendRawTransactionSync`
   * (EIP-7966) when `sync` and the node has it, so the receipt is there when it returns, else
   * `eth_sendRawTransaction`; a provider without `send` gets it through `broadcastTransaction`.
   * Any other signer (a node's account, a browser wallet) sends it itself.
   */
  async #submit(signer: Signer, request: TransactionRequest, sync: boolean): Promise<string> {
    if (!(signer instanceof BaseWallet)) return (await signer.sendTransaction(request)).hash;
    const provider = this.provider;
    const signed = await signer.signTransaction(request);
    const hash = keccak256(signed);
    const raw = rawRpc(provider);
    if (raw === undefined) {
      await provider.broadcastTransaction(signed);
      return hash;
    }
    if (sync && SYNC_SEND.get(provider) !== false) {
      try {
        await raw.send("eth_sendRawTransactionSync", [signed]);
        SYNC_SEND.set(provider, true);
        return hash;
      } catch (err) {
        // Taken but not yet included within the node's timeout: the receipt is polled for.
        if (isSyncTimeoutError(err)) return hash;
        if (!isUnsupportedMethodError(err)) throw err;
        SYNC_SEND.set(provider, false);
      }
    }
    await raw.send("eth_sendRawTransaction", [signed]);
    return hash;
  }

  /** The receipt of `hash` from the provider's `getTransactionReceipt`, polled until it is there. */
  async #waitForReceipt(hash: string): Promise<TransactionReceipt> {
    const provider = this.provider;
    const providerInterval = (provider as { pollingInterval?: unknown }).pollingInterval;
    const interval =
      this.shared.pollingIntervalMs ??
      (typeof providerInterval === "number" ? providerInterval : DEFAULT_POLLING_INTERVAL_MS);
    for (let attempt = 0; ; attempt++) {
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt !== null) return receipt;
      await sleep(receiptPollDelay(attempt, interval));
    }
  }

  /**
   * Sends a transaction built by `send` and waits for it; a revert is rethrown as a
   * {@link TradeChainError} (amounts formatted in `currencyOrAddress`'s token when given).
   */
  async execute(
    send: () => Promise<ContractTransactionResponse>,
    currencyOrAddress?: string,
  ): Promise<ContractTransactionReceipt> {
    try {
      const response = await send();
      const receipt = await response.wait();
      if (receipt === null) {
        throw clientError(
          "NETWORK",
          "TransactionDropped",
          `Transaction ${response.hash} was dropped`,
          {
            hash: response.hash,
          },
        );
      }
      return receipt;
    } catch (err) {
      if (isNoSignerError(err)) throw readOnlyError(err);
      throw toTradeChainError(err, await this.errorContext(currencyOrAddress));
    }
  }

  /** The context error messages are written with: the client's labels and a token's format. */
  async errorContext(currencyOrAddress?: string, call?: string): Promise<DescribeContext> {
    const labels = Object.fromEntries(this.shared.labels);
    if (currencyOrAddress === undefined) return { labels, call };
    try {
      const info = await this.tokenInfo(currencyOrAddress);
      return {
        labels,
        call,
        formatAmount: (units) => formatAmount(units, info.decimals, info.currency),
      };
    } catch {
      return { labels, call };
    }
  }
}
