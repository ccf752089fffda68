/**
 * Gas bench: deploys on the in-process network, measures every section's operations from real
 * receipts, prints them beside their budgets and fails (exit code 1) when one is over.
 *   npx hardhat run scripts/bench.ts      (or: npm run bench)
 * To add a section, write `benchX(ethers, networkHelpers): Promise<BenchRow[]>` under
 * scripts/bench/ and append it to SECTIONS.
 */
import { network } from "hardhat";
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { reportBench } from "./bench/table.js";
import type { BenchRow } from "./bench/table.js";
import { benchBatch } from "./bench/batch.js";
import { benchClearance } from "./bench/clearance.js";
import { benchConsent } from "./bench/consent.js";
import { benchEscrow } from "./bench/escrow.js";
import { benchFx } from "./bench/fx.js";
import { benchSize } from "./bench/size.js";
import { benchToken } from "./bench/token.js";

/** A bench section: deploys what it needs and returns its measured rows. */
export type BenchSection = (
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
) => Promise<BenchRow[]>;

const SECTIONS: BenchSection[] = [
  benchToken,
  benchEscrow,
  benchClearance,
  benchConsent,
  benchFx,
  benchSize,
  benchBatch,
];

const { ethers, networkHelpers } = await network.create();

const rows: BenchRow[] = [];
for (const section of SECTIONS) {
  rows.push(...(await section(ethers, networkHelpers)));
}

if (!reportBench(rows)) process.exitCode = 1;
