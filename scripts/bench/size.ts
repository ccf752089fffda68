/**
 * Deployed bytecode size of the core contracts beside their budgets: the escrows (issues 8 and
 * 19), the cross-currency escrow's desk and the registry (issue 15) at least 2,048 bytes under the EIP-170 limit of 24,576 so the next
 * rules fit, the token at least 8 KB under (its tighter budget from issue 8 still holds). Sizes
 * are read from the code actually deployed on the in-process network (immutables included), in
 * bytes; the "Gas" column of the table shows bytes for this section.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { formatGas } from "@tradechain/sdk";
import type { BenchRow } from "./table.js";

const SECTION = "Deployed size (bytes)";

/** EIP-170: the largest runtime bytecode a contract may have. */
export const EIP170_LIMIT = 24_576n;

/** Size budgets in bytes: 2,048 under EIP-170 for escrows, desk and registry, 8,192 under for the token. */
export const SIZE_BUDGETS = {
  TradeEscrow: EIP170_LIMIT - 2_048n,
  TradeRegistry: EIP170_LIMIT - 2_048n,
  TradeFxEscrow: EIP170_LIMIT - 2_048n,
  TradeFxDesk: EIP170_LIMIT - 2_048n,
  SettlementToken: EIP170_LIMIT - 8_192n,
} as const;

/** The byte length of a contract's deployed runtime code. */
async function codeSize(ethers: HardhatEthers, address: string): Promise<bigint> {
  const code = await ethers.provider.getCode(address);
  return BigInt((code.length - 2) / 2);
}

/** Deploys registry, token, escrows and desk and reports their runtime sizes beside the budgets. */
export async function benchSize(
  ethers: HardhatEthers,
  // every section takes the network helpers; sizes need none
  _networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  const [admin, feeRecipient, defaultArbiter] = await ethers.getSigners();
  const registry = await ethers.deployContract("TradeRegistry", [admin.address]);
  const token = await ethers.deployContract("SettlementToken", [
    "TradeChain USD",
    "tcUSD",
    6,
    "USD",
    admin.address,
  ]);
  const escrow = await ethers.deployContract("TradeEscrow", [
    admin.address,
    await registry.getAddress(),
    feeRecipient.address,
    100,
    defaultArbiter.address,
  ]);
  const fx = await ethers.deployContract("TradeFxEscrow", [await escrow.getAddress()]);
  const deployed: [keyof typeof SIZE_BUDGETS, string][] = [
    ["TradeEscrow", await escrow.getAddress()],
    ["TradeFxEscrow", await fx.getAddress()],
    ["TradeFxDesk", await fx.fxDesk()],
    ["TradeRegistry", await registry.getAddress()],
    ["SettlementToken", await token.getAddress()],
  ];
  const rows: BenchRow[] = [];
  for (const [name, address] of deployed) {
    const size = await codeSize(ethers, address);
    const budget = SIZE_BUDGETS[name];
    rows.push({
      section: SECTION,
      name,
      gas: size,
      budget,
      reference: `EIP-170 ${formatGas(EIP170_LIMIT)}: ${formatGas(EIP170_LIMIT - size)} under`,
    });
  }
  return rows;
}
