/** The tokens facet of a client: balances, approvals, minting and amount formatting. */
import type { ContractTransactionReceipt } from "ethers";

import { formatAmount } from "../format.js";
import type { Sender } from "./sender.js";

/** Settlement-token calls of a client. */
export class TokensFacet {
  readonly #sender: Sender;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  /** Formats an amount of a token for people, e.g. `US$ 1,234.50`. */
  async formatAmount(currencyOrAddress: string, amount: bigint): Promise<string> {
    const info = await this.#sender.tokenInfo(currencyOrAddress);
    return formatAmount(amount, info.decimals, info.currency);
  }

  /** The token balance of `account` (default: the signer). */
  async balanceOf(currencyOrAddress: string, account?: string): Promise<bigint> {
    const sender = this.#sender;
    return sender.token(currencyOrAddress).balanceOf(account ?? (await sender.signer.getAddress()));
  }

  /** Approves the escrow to take `amount` of the signer's tokens. */
  approveEscrow(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.execute(() =>
      sender.token(currencyOrAddress).approve(sender.addresses.escrow, amount),
    );
  }

  /** Master minter: lets `minter` mint up to `allowance`. */
  configureMinter(
    currencyOrAddress: string,
    minter: string,
    allowance: bigint,
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.execute(
      () => sender.token(currencyOrAddress).configureMinter(minter, allowance),
      currencyOrAddress,
    );
  }

  /** Minter: mints `amount` to `to`. */
  mint(currencyOrAddress: string, to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.execute(
      () => sender.token(currencyOrAddress).mint(to, amount),
      currencyOrAddress,
    );
  }
}
