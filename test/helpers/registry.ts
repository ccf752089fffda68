import { network } from "hardhat";

import {
  countryCode,
  productIdFromGtin,
  productIdFromHsCode,
  signSellerConsent,
} from "@tradechain/sdk";
import type { MockERC20, TradeEscrow, TradeRegistry } from "../../typechain-types/index.js";

/** One in-process chain shared by every registry test file (fixtures are tied to it). */
export const { ethers, networkHelpers } = await network.create();

// Role bits, mirroring the file-level constants of ITradeRegistry.sol.
export const ROLE_SELLER = 1;
export const ROLE_BUYER = 2;
export const ROLE_LOGISTICS = 4;
export const ROLE_ARBITER = 8;
export const ROLE_FX_PROVIDER = 16;
export const ALL_ROLES =
  ROLE_SELLER | ROLE_BUYER | ROLE_LOGISTICS | ROLE_ARBITER | ROLE_FX_PROVIDER;

/** ITradeRegistry.ListingStatus, in declaration order. */
export const ListingStatus = { Unlisted: 0, Positive: 1, Negative: 2 } as const;

export const CN = countryCode("CN");
export const PK = countryCode("PK");
export const KZ = countryCode("KZ");
export const DE = countryCode("DE");

export const ADMIN_TRANSFER_DELAY = 2n * 24n * 60n * 60n;

/** A bytes32 hash standing in for an off-chain document. */
export function docHash(label: string): string {
  return ethers.id(`doc:${label}`);
}

export const LAPTOP = productIdFromHsCode("8471.30", "LAPTOP-15-SILVER");
export const TEA = productIdFromGtin("4006381333931");
export const RICE = productIdFromHsCode("1006.30", "BASMATI-5KG");
export const DRONE = productIdFromHsCode("8806.22", "QUAD-X1");

/** The products' 8-digit HS codes as the registry stores them ("0902.30.00" is 9023000). */
export const LAPTOP_HS = 84713000;
export const TEA_HS = 9023000;
export const DRONE_HS = 88062200;
export const RICE_HS = 10063000;

/** A freshly deployed registry with a registrar, nobody onboarded yet. */
export async function deployRegistryFixture() {
  const [
    admin,
    registrar,
    seller,
    buyer,
    logistics,
    arbiter,
    customsPK,
    customsCN,
    escrow,
    stranger,
    otherSeller,
    otherBuyer,
    platform,
    fxEscrow,
  ] = await ethers.getSigners();
  const registry = (await ethers.deployContract("TradeRegistry", [
    admin.address,
  ])) as unknown as TradeRegistry;
  await registry.connect(admin).grantRole(await registry.REGISTRAR_ROLE(), registrar.address);
  return {
    registry,
    /** The registry under the escrow's ABI: decodes the errors `checkNewOrder` throws. */
    errors: await ethers.getContractAt("ITradeEscrow", await registry.getAddress()),
    admin,
    registrar,
    seller,
    buyer,
    logistics,
    arbiter,
    customsPK,
    customsCN,
    escrow,
    stranger,
    otherSeller,
    otherBuyer,
    platform,
    /** Stands in for the cross-currency escrow (an account the admin may wire with setFxEscrow). */
    fxEscrow,
  };
}

/**
 * The demo cast onboarded: a Chinese seller, a Pakistani buyer, a logistics provider, an arbiter;
 * customs authorities for Pakistan and China; the escrow set; the seller's laptop registered.
 */
export async function onboardedRegistryFixture() {
  const fx = await deployRegistryFixture();
  const { registry, admin, registrar, seller, buyer, logistics, arbiter, customsPK, customsCN } =
    fx;
  await registry
    .connect(registrar)
    .registerParticipants(
      [seller.address, buyer.address, logistics.address, arbiter.address],
      [ROLE_SELLER, ROLE_BUYER, ROLE_LOGISTICS, ROLE_ARBITER],
      [CN, PK, KZ, DE],
      [
        docHash("seller-kyc"),
        docHash("buyer-kyc"),
        docHash("logistics-kyc"),
        docHash("arbiter-kyc"),
      ],
    );
  await registry.connect(admin).setCustomsAuthority(PK, customsPK.address, true);
  await registry.connect(admin).setCustomsAuthority(CN, customsCN.address, true);
  await registry.connect(admin).setEscrow(fx.escrow.address);
  await registry.connect(seller).registerProduct(LAPTOP, LAPTOP_HS, docHash("laptop-v1"));
  return fx;
}

/** The onboarded registry with the drone, tea and rice registered too (the laptop already is). */
export async function tariffRegistryFixture() {
  const fx = await onboardedRegistryFixture();
  const bySeller = fx.registry.connect(fx.seller);
  await bySeller.registerProduct(DRONE, DRONE_HS, docHash("drone-v1"));
  await bySeller.registerProduct(TEA, TEA_HS, docHash("tea-v1"));
  await bySeller.registerProduct(RICE, RICE_HS, docHash("rice-v1"));
  return fx;
}

/** A signer, as the fixtures' accounts are. */
export type AnySigner = Awaited<ReturnType<typeof ethers.getSigners>>[number];

/** `signer`'s EIP-712 consent to order `orderId` of `escrow`, under the registry's domain. */
export async function signConsent(
  registry: TradeRegistry,
  signer: AnySigner,
  escrow: string,
  orderId: string,
): Promise<string> {
  return (await signSellerConsent(registry, signer, { escrow, orderId })).signature;
}

/**
 * The onboarded registry wired to a real TradeEscrow (1% fee, the registered arbiter as its
 * default arbiter) instead of an EOA, with a plain ERC-20 allowed; a second seller and its own
 * buyer are registered and funded, as in the planted-complaints attack.
 */
export async function wiredEscrowFixture() {
  const fx = await onboardedRegistryFixture();
  const { registry, admin, registrar, arbiter, otherSeller, otherBuyer, buyer } = fx;
  await registry
    .connect(registrar)
    .registerParticipants(
      [otherSeller.address, otherBuyer.address],
      [ROLE_SELLER, ROLE_BUYER],
      [KZ, DE],
      [docHash("other-seller-kyc"), docHash("other-buyer-kyc")],
    );
  const realEscrow = (await ethers.deployContract("TradeEscrow", [
    admin.address,
    await registry.getAddress(),
    admin.address,
    100,
    arbiter.address,
  ])) as unknown as TradeEscrow;
  const escrowAddress = await realEscrow.getAddress();
  await registry.connect(admin).setEscrow(escrowAddress);
  const token = (await ethers.deployContract("MockERC20", [
    "Mock USD",
    "mUSD",
    6,
  ])) as unknown as MockERC20;
  await realEscrow.connect(admin).setTokenAllowed(await token.getAddress(), true);
  for (const payer of [buyer, otherBuyer]) {
    await token.mint(payer.address, 1_000_000_000n);
    await token.connect(payer).approve(escrowAddress, ethers.MaxUint256);
  }
  return { ...fx, realEscrow, escrowAddress, token };
}
