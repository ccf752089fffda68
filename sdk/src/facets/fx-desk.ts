/**
 * The cross-currency desk of a client (docs/fx.md, "Guard rails"): each FX provider's cap on open
 * payout exposure per currency pair and the pairs' optional reference feeds, read by anyone and
 * set by the settings escrow's default admin. Pairs are named by currency code or token address;
 * amounts are in the payout token's smallest units, as everywhere in the SDK.
 */
import { type ContractTransactionReceipt, ZeroAddress } from "ethers";

import type { TradeFxDesk } from "../contracts/escrow/TradeFxDesk.js";
import { TradeFxDesk__factory } from "../contracts/factories/escrow/TradeFxDesk__factory.js";
import { parseAddress } from "../address.js";
import { nonNegative } from "../encoding.js";
import { clientError } from "../failure.js";
import type { Sender } from "../sender.js";

/** The desk's ABI, parsed once. */
const DESK_INTERFACE = TradeFxDesk__factory.createInterface();

/** Largest cap the desk stores (`uint128`). */
const MAX_CAP = (1n << 128n) - 1n;

/** A provider's cap and open exposure in one pair, in the payout token's smallest units. */
export interface FxLimit {
  readonly cap: bigint;
  /** Payout currency in the provider's open orders of the pair. */
  readonly open: bigint;
}

/** A pair's reference feed setting; `feed` undefined: none (quotes are not compared). */
export interface FxFeed {
  readonly feed: string | undefined;
  /** Oldest answer accepted, seconds. */
  readonly maxAge: number;
  /** Largest deviation of a quote from the feed, basis points. */
  readonly maxDeviationBps: number;
}

/** How a pair's feed is checked (`setFxFeed`). */
export interface FxFeedSetting {
  /** Oldest answer accepted, seconds (non-zero). */
  readonly maxAge: number;
  /** Largest deviation of a quote from the feed, basis points (at most 10,000). */
  readonly maxDeviationBps: number;
}

/** Caps and reference feeds of the cross-currency escrow's desk. */
export class FxDeskFacet {
  readonly #sender: Sender;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  /** The desk's binding; its address is read from the FX escrow once per client family. */
  async fxDesk(): Promise<TradeFxDesk> {
    const { shared } = this.#sender;
    const fx = this.#sender.requireFx();
    if (shared.fxDesk === undefined) {
      const address = fx.fxDesk();
      shared.fxDesk = address;
      address.catch(() => (shared.fxDesk = undefined));
    }
    return TradeFxDesk__factory.connect(await shared.fxDesk, this.#sender.runner);
  }

  /** A provider's cap and open exposure in the pair `pay` → `payout`. */
  async fxLimitOf(provider: string, pay: string, payout: string): Promise<FxLimit> {
    const desk = await this.fxDesk();
    const [cap, open] = await desk.fxLimitOf(
      parseAddress(provider, "provider"),
      this.#sender.tokenAddress(pay),
      this.#sender.tokenAddress(payout),
    );
    return { cap, open };
  }

  /** The pair's reference feed, if any. */
  async fxFeedOf(pay: string, payout: string): Promise<FxFeed> {
    const desk = await this.fxDesk();
    const [feed, maxAge, maxDeviationBps] = await desk.fxFeedOf(
      this.#sender.tokenAddress(pay),
      this.#sender.tokenAddress(payout),
    );
    return {
      feed: feed === ZeroAddress ? undefined : feed,
      maxAge: Number(maxAge),
      maxDeviationBps: Number(maxDeviationBps),
    };
  }

  /**
   * The payout amount for `payAmount` at the pair's feed rate (what a quote is compared with);
   * reverts (`FxFeedNotSet`, `FxFeedStale`, `FxFeedInvalid`) as a quote would be refused.
   */
  async fxReferencePayout(pay: string, payout: string, payAmount: bigint): Promise<bigint> {
    const desk = await this.fxDesk();
    return desk.referencePayout(
      this.#sender.tokenAddress(pay),
      this.#sender.tokenAddress(payout),
      nonNegative("payAmount", payAmount),
    );
  }

  /**
   * Admin: caps `provider`'s open payout exposure in the pair `pay` → `payout` at `cap` (the
   * payout token's smallest units); zero stops its new orders in the pair.
   */
  async setFxLimit(
    provider: string,
    pay: string,
    payout: string,
    cap: bigint,
  ): Promise<ContractTransactionReceipt> {
    const desk = await this.fxDesk();
    if (nonNegative("cap", cap) > MAX_CAP) {
      throw clientError("INVALID_ARGUMENT", "CapTooLarge", `A cap is at most 2^128 - 1: ${cap}`, {
        cap,
      });
    }
    const args = [
      parseAddress(provider, "provider"),
      this.#sender.tokenAddress(pay),
      this.#sender.tokenAddress(payout),
      cap,
    ] as const;
    return this.#sender.transact(() => desk.setFxLimit.populateTransaction(...args), {
      iface: DESK_INTERFACE,
      currency: payout,
      call: "setFxLimit",
    });
  }

  /**
   * Admin: sets the pair's reference feed (payout currency per unit of pay currency, a
   * Chainlink-style aggregator), or removes it with `feed` undefined.
   */
  async setFxFeed(
    pay: string,
    payout: string,
    feed: string | undefined,
    setting: FxFeedSetting = { maxAge: 0, maxDeviationBps: 0 },
  ): Promise<ContractTransactionReceipt> {
    const desk = await this.fxDesk();
    const args = [
      this.#sender.tokenAddress(pay),
      this.#sender.tokenAddress(payout),
      feed === undefined ? ZeroAddress : parseAddress(feed, "feed"),
      setting.maxAge,
      setting.maxDeviationBps,
    ] as const;
    return this.#sender.transact(() => desk.setFxFeed.populateTransaction(...args), {
      iface: DESK_INTERFACE,
      currency: payout,
      call: "setFxFeed",
    });
  }
}
