/**
 * The demo's final verification: balances, the escrow's holdings, the fee treasury and every
 * party's credit record against what the story's orders should have done.
 */
import type { CreditRecord } from "@tradechain/sdk";

import { PARTY_KEYS, PARTY_NAMES } from "./cast.js";
import { balanceHolders, balances, check, nameOf, type Stage } from "./stage.js";

/**
 * Collects the platform fees, then checks every balance against the opening balance plus the
 * expected changes, the escrow holding nothing, the fee treasury holding exactly the fees, and
 * every party's credit record. Returns the final balances.
 */
export async function verifyFinalState(stage: Stage): Promise<Map<string, Map<string, bigint>>> {
  const { admin } = stage.clients;
  const currencies = Object.keys(stage.addresses.tokens);
  for (const currency of currencies) {
    if ((await admin.accruedFees(currency)) > 0n)
      await stage.clients.platform.collectFees(currency);
    stage.expect.move(currency, stage.accounts.feeRecipient, stage.expect.fees.get(currency) ?? 0n);
  }
  const holders = balanceHolders(stage.accounts, stage.addresses);
  const final = await balances(admin, currencies, holders);
  for (const currency of currencies) {
    for (const holder of holders) {
      const opening = stage.opening.get(currency)?.get(holder) ?? 0n;
      const expected = opening + (stage.expect.deltas.get(currency)?.get(holder) ?? 0n);
      const actual = final.get(currency)?.get(holder) ?? 0n;
      const shown = await admin.formatAmount(currency, expected);
      check(
        stage,
        `balance of ${nameOf(stage, holder)} in ${currency} is ${shown}`,
        await admin.formatAmount(currency, actual),
        shown,
      );
    }
    check(
      stage,
      `escrow holds no ${currency}`,
      final.get(currency)?.get(stage.addresses.escrow),
      0n,
    );
  }
  for (const key of PARTY_KEYS) {
    const account = stage.accounts[key];
    const lines = await admin.creditOf(account);
    check(
      stage,
      `credit of ${PARTY_NAMES[key]} has one line per currency`,
      lines.map((line) => line.currency).join(", "),
      currencies.join(", "),
    );
    for (const line of lines) {
      const expected = stage.expect.creditIn(line.currency, account);
      check(
        stage,
        `credit record of ${PARTY_NAMES[key]} in ${line.currency}`,
        creditText(line),
        creditText(expected),
      );
    }
  }
  return final;
}

/** A credit record in one line, for checks. */
export function creditText(c: CreditRecord): string {
  return (
    `sales ${c.salesCompleted}, purchases ${c.purchasesCompleted}, ` +
    `refunds caused ${refundsCaused(c) || "none"}, ` +
    `disputes opened ${c.disputesOpened} won ${c.disputesWon} lost ${c.disputesLost} ` +
    `drawn ${c.disputesDrawn}, volume ${c.volume}, refunded ${c.refundedVolume}`
  );
}

/** The refund counters of a credit record that are not zero, e.g. "customs 1, late 1". */
export function refundsCaused(c: CreditRecord): string {
  const parts: [string, number][] = [
    ["cancelled", c.cancelledAsBuyer],
    ["rejected", c.rejectedAsSeller],
    ["late", c.missedShipBy],
    ["customs", c.rejectedAtCustoms],
    ["refunded", c.refundedAsSeller],
  ];
  return parts
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
}
