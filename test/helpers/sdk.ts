import { expect } from "chai";
import { network } from "hardhat";

import FxModule from "../../ignition/modules/Fx.js";
import TradeChainModule from "../../ignition/modules/TradeChain.js";
import { addressesOfDeployment, LOCAL_PARAMETERS } from "@tradechain/devkit/deploy";
import {
  countryCode,
  productIdFromGtin,
  productIdFromHsCode,
  TradeChainClient,
  TradeChainError,
  type TradeChainErrorCode,
} from "@tradechain/sdk";

/** One in-process chain shared by every SDK test file (fixtures are tied to it). */
const connection = await network.create();
export const { ethers, ignition, networkHelpers } = connection;
/** The chain's EIP-1193 provider, for tests that speak JSON-RPC to it through other clients. */
export const eip1193 = connection.provider;

/** The parameter file the SDK tests deploy with, as `npx hardhat ignition deploy` would. */
export { LOCAL_PARAMETERS };

export const CN = countryCode("CN");
export const PK = countryCode("PK");
export const KZ = countryCode("KZ");

/** Six-decimal units: `usd(12.5)` → 12_500_000n. */
export function units(amount: number): bigint {
  return BigInt(Math.round(amount * 1_000_000));
}

export const LAPTOP = productIdFromHsCode("8471.30", "LAPTOP-15-SILVER");
export const TEA = productIdFromGtin("4006381333931");
export const DRONE = productIdFromHsCode("8806.22", "QUAD-X1");
/** The products' 8-digit HS codes as the registry stores them ("0902.30.00" is 9023000). */
export const LAPTOP_HS = 84713000;
export const TEA_HS = 9023000;
export const DRONE_HS = 88062200;

/** Deploys the suite with the Ignition module and `local.json`, and names the accounts. */
export function deployedSuiteFixture() {
  return deploySuite(TradeChainModule);
}

/** The suite with its cross-currency escrow (the Fx module: `addresses.fxEscrow` is set). */
export function deployedFxSuiteFixture() {
  return deploySuite(FxModule);
}

/** Deploys `module` (the suite's, or the suite's with the FX escrow) and names the accounts. */
async function deploySuite(module: typeof TradeChainModule | typeof FxModule) {
  const signers = await ethers.getSigners();
  // Accounts 0-3 are fixed by ignition/parameters/local.json.
  const [
    admin,
    operator,
    feeRecipient,
    arbiter,
    seller,
    buyer,
    consumer,
    logistics,
    customsPK,
    relayer,
    stranger,
  ] = signers;
  const deployed = await ignition.deploy(module, {
    parameters: LOCAL_PARAMETERS,
    displayUi: false,
  });
  const addresses = await addressesOfDeployment(deployed);
  return {
    deployed,
    addresses,
    admin,
    operator,
    feeRecipient,
    arbiter,
    seller,
    buyer,
    consumer,
    logistics,
    customsPK,
    relayer,
    stranger,
  };
}

/**
 * The suite onboarded through the SDK: a Chinese seller, a Pakistani buyer, a consumer in
 * Kazakhstan (no customs), a logistics provider, Pakistan's customs; the laptop and tea registered,
 * tea positive-listed and the drone negative-listed in Pakistan; 10,000 USD and CNY minted to both
 * buyers. Returns one client per party, all sharing order terms and the seller's wallet as the
 * source of sellers' consents (`sellerConsent`), as a platform holding the seller's key would.
 */
export async function onboardedSuiteFixture() {
  return onboard(await deployedSuiteFixture());
}

/** {@link onboardedSuiteFixture} on the suite with its cross-currency escrow. */
export async function onboardedFxSuiteFixture() {
  return onboard(await deployedFxSuiteFixture());
}

async function onboard(fx: Awaited<ReturnType<typeof deploySuite>>) {
  const admin = new TradeChainClient(fx.admin, fx.addresses, { sellerConsent: fx.seller });
  const operator = admin.connect(fx.operator);
  await operator.registerParticipant(fx.seller.address, ["Seller"], CN, "kyc:seller");
  await operator.registerParticipant(fx.buyer.address, ["Buyer"], PK, "kyc:buyer");
  await operator.registerParticipant(fx.consumer.address, ["Buyer"], KZ, "kyc:consumer");
  await operator.registerParticipant(fx.logistics.address, ["Logistics"], CN, "kyc:logistics");
  await admin.setCustomsAuthority(PK, fx.customsPK.address);

  const seller = admin.connect(fx.seller);
  await seller.registerProduct(LAPTOP, LAPTOP_HS, "laptop provenance v1");
  await seller.registerProduct(TEA, TEA_HS, "tea provenance v1");
  const customsPK = admin.connect(fx.customsPK);
  await customsPK.setListing(PK, TEA, "Positive", { reason: "tea certified" });
  await customsPK.setListing(PK, DRONE, "Negative", { reason: "drones banned" });

  for (const currency of ["USD", "CNY"]) {
    await operator.configureMinter(currency, fx.operator.address, units(1_000_000));
    await operator.mint(currency, fx.buyer.address, units(10_000));
    await operator.mint(currency, fx.consumer.address, units(10_000));
  }

  return {
    ...fx,
    clients: {
      admin,
      operator,
      seller,
      customsPK,
      buyer: admin.connect(fx.buyer),
      consumer: admin.connect(fx.consumer),
      logistics: admin.connect(fx.logistics),
      arbiter: admin.connect(fx.arbiter),
      relayer: admin.connect(fx.relayer),
      stranger: admin.connect(fx.stranger),
    },
  };
}

/** The TradeChainError `call` rejects with; fails the test when it resolves or throws another. */
export async function rejection(call: () => Promise<unknown>): Promise<TradeChainError> {
  try {
    await call();
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(TradeChainError);
    return err as TradeChainError;
  }
  return expect.fail("expected a TradeChainError");
}

/** The TradeChainError `call` rejects with, checked to have `code` and `decoded.name` `name`. */
export async function expectCode(
  call: () => Promise<unknown>,
  code: TradeChainErrorCode,
  name: string,
) {
  const err = await rejection(call);
  expect(err.code).to.equal(code);
  expect(err.decoded.name).to.equal(name);
  return err;
}

/** A TradeChainError's decoded arguments by name. */
export function errorArgs(err: TradeChainError): Record<string, unknown> {
  return Object.fromEntries(err.decoded.args.map((a) => [a.name, a.value]));
}
