/**
 * The part of a client every facet shares: the runner, the bindings, the caches (order terms,
 * token metadata, labels, chain id) and the one path every transaction is sent through.
 */
import {
  type ContractTransactionReceipt,
  type ContractTransactionResponse,
  getAddress,
  isHexString,
  type Provider,
  type Signer,
} from "ethers";

import type { SettlementToken } from "../../typechain-types/token/SettlementToken.js";
import type { TradeEscrow } from "../../typechain-types/escrow/TradeEscrow.js";
import type { TradeRegistry } from "../../typechain-types/registry/TradeRegistry.js";
import { SettlementToken__factory } from "../../typechain-types/factories/token/SettlementToken__factory.js";
import { TradeEscrow__factory } from "../../typechain-types/factories/escrow/TradeEscrow__factory.js";
import { TradeRegistry__factory } from "../../typechain-types/factories/registry/TradeRegistry__factory.js";
import { type DescribeContext, toTradeChainError } from "../errors.js";
import { formatAmount } from "../format.js";
import type { OrderTerms, TokenInfo, TradeChainAddresses } from "../types.js";

/** Options of a client. */
export interface TradeChainClientOptions {
  /** First block to scan for events (the escrow's deployment block); default 0. */
  readonly fromBlock?: number;
  /** Names for addresses, used in error messages. */
  readonly labels?: Readonly<Record<string, string>>;
}

/** State shared by a client and the clients `connect` derives from it. */
export interface SharedState {
  readonly terms: Map<string, OrderTerms>;
  readonly tokenInfo: Map<string, Promise<TokenInfo>>;
  readonly labels: Map<string, string>;
  chainId: Promise<bigint> | undefined;
  readonly fromBlock: number;
}

/** Fresh shared state from a client's options. */
export function newSharedState(options: TradeChainClientOptions): SharedState {
  return {
    terms: new Map(),
    tokenInfo: new Map(),
    labels: new Map(
      Object.entries(options.labels ?? {}).map(([address, name]) => [address.toLowerCase(), name]),
    ),
    chainId: undefined,
    fromBlock: options.fromBlock ?? 0,
  };
}

/** One runner's view of a deployment: bindings, shared caches and the send path. */
export class Sender {
  /** The deployment's addresses. */
  readonly addresses: TradeChainAddresses;
  /** The signer or provider the client acts through. */
  readonly runner: Signer | Provider;
  /** TypeChain binding of the escrow, connected to the runner. */
  readonly escrow: TradeEscrow;
  /** TypeChain binding of the registry, connected to the runner. */
  readonly registry: TradeRegistry;
  /** TypeChain bindings of the settlement tokens by currency code. */
  readonly tokens: Readonly<Record<string, SettlementToken>>;
  /** Caches shared with every client connected from the same one. */
  readonly shared: SharedState;

  constructor(runner: Signer | Provider, addresses: TradeChainAddresses, shared: SharedState) {
    this.runner = runner;
    this.addresses = addresses;
    this.shared = shared;
    this.escrow = TradeEscrow__factory.connect(addresses.escrow, runner);
    this.registry = TradeRegistry__factory.connect(addresses.registry, runner);
    this.tokens = Object.fromEntries(
      Object.entries(addresses.tokens).map(([currency, address]) => [
        currency.toUpperCase(),
        SettlementToken__factory.connect(address, runner),
      ]),
    );
  }

  // -------------------------------------------------------------------------- accounts

  /** The signer; throws for a read-only client. */
  get signer(): Signer {
    const runner = this.runner as Partial<Signer>;
    if (typeof runner.signTypedData !== "function" || typeof runner.getAddress !== "function") {
      throw new Error("This TradeChainClient is read-only: connect it to a Signer to send");
    }
    return this.runner as Signer;
  }

  /** The provider behind the runner. */
  get provider(): Provider {
    const provider = (this.runner as Signer).provider ?? (this.runner as Provider);
    if (provider === null || typeof provider.getLogs !== "function") {
      throw new Error("The TradeChainClient's signer has no provider");
    }
    return provider;
  }

  /** Names an address in error messages. */
  label(address: string, name: string): void {
    this.shared.labels.set(address.toLowerCase(), name);
  }

  /** The chain id (cached). */
  chainId(): Promise<bigint> {
    this.shared.chainId ??= this.provider.getNetwork().then((network) => network.chainId);
    return this.shared.chainId;
  }

  /** The latest block's timestamp: "now" for deadlines, also on a chain whose time was moved. */
  async now(): Promise<bigint> {
    const block = await this.provider.getBlock("latest");
    if (block === null) throw new Error("The node returned no latest block");
    return BigInt(block.timestamp);
  }

  // -------------------------------------------------------------------------- token lookup

  /** The settlement token of a currency code or address of the deployment. */
  token(currencyOrAddress: string): SettlementToken {
    const byCurrency = this.tokens[currencyOrAddress.toUpperCase()];
    if (byCurrency !== undefined) return byCurrency;
    if (isHexString(currencyOrAddress, 20)) {
      return SettlementToken__factory.connect(getAddress(currencyOrAddress), this.runner);
    }
    throw new Error(
      `No settlement token "${currencyOrAddress}" in this deployment (have ${Object.keys(this.tokens).join(", ")})`,
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
      if (receipt === null) throw new Error(`Transaction ${response.hash} was dropped`);
      return receipt;
    } catch (err) {
      throw toTradeChainError(err, await this.errorContext(currencyOrAddress));
    }
  }

  /** The context error messages are written with: the client's labels and a token's format. */
  async errorContext(currencyOrAddress?: string): Promise<DescribeContext> {
    const labels = Object.fromEntries(this.shared.labels);
    if (currencyOrAddress === undefined) return { labels };
    try {
      const info = await this.tokenInfo(currencyOrAddress);
      return {
        labels,
        formatAmount: (units) => formatAmount(units, info.decimals, info.currency),
      };
    } catch {
      return { labels };
    }
  }
}
