/**
 * Deployment steps the gas bench's sections share: a registry with its seller and buyer
 * registered, the escrow wired to it, and a token the escrow accepts with the bench's parties
 * holding it and the buyer's allowance unlimited.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { Signer } from "ethers";

import { ParticipantRole } from "@tradechain/sdk";

import type {
  MockERC20,
  SettlementToken,
  TradeEscrow,
  TradeRegistry,
} from "../../typechain-types/index.js";

/** The escrow's configuration in a bench section. */
export interface EscrowParties {
  readonly admin: Signer & { address: string };
  readonly feeRecipient: Signer & { address: string };
  readonly arbiter: Signer & { address: string };
  readonly feeBps: bigint;
}

/** A party of a bench section and its jurisdiction. */
export interface Party {
  readonly signer: Signer & { address: string };
  readonly jurisdiction: number;
}

/**
 * Deploys TradeRegistry administered (and registrar-operated) by `admin`, with `seller` and
 * `buyer` registered in their jurisdictions.
 */
export async function deployRegistry(
  ethers: HardhatEthers,
  admin: Signer & { address: string },
  seller: Party,
  buyer: Party,
): Promise<TradeRegistry> {
  const registry = (await ethers.deployContract("TradeRegistry", [
    admin.address,
  ])) as unknown as TradeRegistry;
  await (await registry.grantRole(await registry.REGISTRAR_ROLE(), admin.address)).wait();
  await (
    await registry.registerParticipants(
      [seller.signer.address, buyer.signer.address],
      [ParticipantRole.Seller, ParticipantRole.Buyer],
      [seller.jurisdiction, buyer.jurisdiction],
      [ethers.id("kyc:seller"), ethers.id("kyc:buyer")],
    )
  ).wait();
  return registry;
}

/** Deploys TradeEscrow on `registry` and names it the registry's escrow. */
export async function deployEscrow(
  ethers: HardhatEthers,
  registry: TradeRegistry,
  parties: EscrowParties,
): Promise<{ escrow: TradeEscrow; escrowAddress: string }> {
  const escrow = (await ethers.deployContract("TradeEscrow", [
    parties.admin.address,
    await registry.getAddress(),
    parties.feeRecipient.address,
    parties.feeBps,
    parties.arbiter.address,
  ])) as unknown as TradeEscrow;
  const escrowAddress = await escrow.getAddress();
  await (await registry.setEscrow(escrowAddress)).wait();
  return { escrow, escrowAddress };
}

/** Deploys the bench's OpenZeppelin ERC-20 mock of `currency` ("Mock USD", "mUSD"). */
export async function deployMockToken(
  ethers: HardhatEthers,
  currency: "USD" | "CNY",
  decimals: number,
): Promise<MockERC20> {
  return (await ethers.deployContract("MockERC20", [
    `Mock ${currency}`,
    `m${currency}`,
    decimals,
  ])) as unknown as MockERC20;
}

/**
 * Steady-state holdings of `token`: each of `holders` minted `amount`, `buyer`'s allowance to the
 * escrow unlimited, and the token allowed by the escrow.
 */
export async function holdAndAllow(
  ethers: HardhatEthers,
  token: MockERC20 | SettlementToken,
  escrow: TradeEscrow,
  holders: readonly (Signer & { address: string })[],
  buyer: Signer,
  amount: bigint,
): Promise<void> {
  for (const holder of holders) await (await token.mint(holder.address, amount)).wait();
  await (await token.connect(buyer).approve(await escrow.getAddress(), ethers.MaxUint256)).wait();
  await (await escrow.setTokenAllowed(await token.getAddress(), true)).wait();
}
