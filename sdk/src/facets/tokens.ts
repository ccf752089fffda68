/** The tokens facet of a client: balances, approvals, minting and amount formatting. */
import type { ContractTransactionReceipt } from "ethers";

import { SettlementToken__factory } from "../contracts/factories/token/SettlementToken__factory.js";
import { parseAddress } from "../address.js";
import { formatAmount } from "../format.js";
import { nonNegative } from "../encoding.js";
import type { Sender } from "../sender.js";

/** Every settlement token shares one ABI. */
const TOKEN_INTERFACE = SettlementToken__factory.createInterface();

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
    const owner = account === undefined ? await sender.signer.getAddress() : parseAddress(account);
    return sender.token(currencyOrAddress).balanceOf(owner);
  }

  /** Approves the escrow to take `amount` of the signer's tokens. */
  approveEscrow(currencyOrAddress: string, amount: bigint): Promise<ContractTransactionReceipt> {
    return this.approveSpender(currencyOrAddress, this.#sender.addresses.escrow, amount);
  }

  /** Approves `spender` (one of the deployment's escrows) to take `amount` of the signer's tokens. */
  approveSpender(
    currencyOrAddress: string,
    spender: string,
    amount: bigint,
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.transact(
      () =>
        sender
          .token(currencyOrAddress)
          .approve.populateTransaction(spender, nonNegative("amount", amount)),
      { iface: TOKEN_INTERFACE },
    );
  }

  /** Master minter: lets `minter` mint up to `allowance`. */
  configureMinter(
    currencyOrAddress: string,
    minter: string,
    allowance: bigint,
  ): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.transact(
      () =>
        sender
          .token(currencyOrAddress)
          .configureMinter.populateTransaction(
            parseAddress(minter, "minter"),
            nonNegative("allowance", allowance),
          ),
      { iface: TOKEN_INTERFACE, currency: currencyOrAddress },
    );
  }

  /** Minter: mints `amount` to `to`. */
  mint(currencyOrAddress: string, to: string, amount: bigint): Promise<ContractTransactionReceipt> {
    const sender = this.#sender;
    return sender.transact(
      () =>
        sender
          .token(currencyOrAddress)
          .mint.populateTransaction(parseAddress(to, "to"), nonNegative("amount", amount)),
      { iface: TOKEN_INTERFACE, currency: currencyOrAddress },
    );
  }
}
