/**
 * Cross-currency orders (issue 19), from real receipts on the in-process network: a buyer pays in
 * a USD coin, the seller is paid in a CNY coin at the provider's quoted rate. Steady state as in
 * the escrow section (OZ ERC-20 mocks, 1% fee, the default arbiter, a positive-listed product,
 * every party holding both tokens, records and the fee pot non-zero, the provider with earlier
 * orders of the pair open): the budgeted row is create + confirm with the payout leg taken from
 * the provider's allowance; a provider whose balance in the escrow (its float) covers the leg
 * saves the second token transfer.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import {
  formatGas,
  fxConsentId,
  ParticipantRole,
  signFxQuote,
  signSellerConsent,
} from "@tradechain/sdk";
import type { TradeFxEscrow } from "../../typechain-types/index.js";
import { deployEscrow, deployMockToken, deployRegistry, holdAndAllow } from "./suite.js";
import { type BenchRow, gasOf } from "./table.js";

const SECTION = "Cross-currency orders (OZ)";
/** Issue 19's target for cross-currency create + confirm (OZ tokens): not met yet (docs/gas.md). */
export const FX_CREATE_CONFIRM_TARGET = 230_000n;
/**
 * The budget this bench holds the path to until the target is met: today's figure (272,433; the
 * first version was 285,034) plus a margin, so that no change makes it worse unnoticed.
 */
export const FX_CREATE_CONFIRM_BUDGET = 275_000n;
const DECIMALS = 6;
const FEE_BPS = 100n;
const DAY = 86_400n;
const PK = 586;
const CN = 156;
const POSITIVE = 1;

export async function benchFx(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  const [admin, seller, buyer, arbiter, customs, feeRecipient, provider] =
    await ethers.getSigners();
  const units = (amount: string) => ethers.parseUnits(amount, DECIMALS);
  const laptop = ethers.id("bench:fx-laptop");

  const registry = await deployRegistry(
    ethers,
    admin,
    { signer: seller, jurisdiction: CN },
    { signer: buyer, jurisdiction: PK },
  );
  await (
    await registry.registerParticipant(provider.address, ParticipantRole.FxProvider, CN, ethers.id("kyc:fx"))
  ).wait();
  await (await registry.setCustomsAuthority(PK, customs.address, true)).wait();
  await (await registry.connect(seller).registerProduct(laptop, 84713000, ethers.id("d"))).wait();
  await (
    await registry.connect(customs).setListing(PK, laptop, POSITIVE, 0, ethers.ZeroHash)
  ).wait();
  const { escrow } = await deployEscrow(ethers, registry, {
    admin,
    feeRecipient,
    arbiter,
    feeBps: FEE_BPS,
  });
  const fx = (await ethers.deployContract("TradeFxEscrow", [
    await escrow.getAddress(),
  ])) as unknown as TradeFxEscrow;
  const fxAddress = await fx.getAddress();
  await (await registry.setFxEscrow(fxAddress)).wait();
  const desk = await ethers.getContractAt("TradeFxDesk", await fx.fxDesk());

  const usd = await deployMockToken(ethers, "USD", DECIMALS);
  const cny = await deployMockToken(ethers, "CNY", DECIMALS);
  const [usdAddress, cnyAddress] = [await usd.getAddress(), await cny.getAddress()];
  const holders = [buyer, seller, feeRecipient, provider];
  await holdAndAllow(ethers, usd, escrow, holders, buyer, units("10000000"));
  await holdAndAllow(ethers, cny, escrow, holders, buyer, units("10000000"));
  await (await usd.connect(buyer).approve(fxAddress, ethers.MaxUint256)).wait();
  await (await cny.connect(provider).approve(fxAddress, ethers.MaxUint256)).wait();
  await (await desk.setFxLimit(provider.address, usdAddress, cnyAddress, units("1000000"))).wait();

  let refCounter = 0;
  /** Creates an order of 1,000 USD paid out as 7,100 CNY; returns its terms and gas. */
  const create = async () => {
    const terms = {
      buyer: buyer.address,
      seller: seller.address,
      token: usdAddress,
      amount: units("1000"),
      productId: laptop,
      destination: PK,
      shipBy: BigInt(await networkHelpers.time.latest()) + 1000n * DAY,
      confirmWindow: 14n * DAY,
      feeBps: FEE_BPS,
      arbiter: arbiter.address,
      ref: ethers.id(`fx-bench-${++refCounter}`),
    };
    const orderId = await fx.orderIdOf(terms);
    const quote = {
      provider: provider.address,
      payToken: usdAddress,
      payAmount: terms.amount,
      payoutToken: cnyAddress,
      payoutAmount: units("7100"),
      orderId,
      expiry: BigInt(await networkHelpers.time.latest()) + 600n,
    };
    const quoteSignature = (await signFxQuote(registry, provider, fxAddress, quote)).signature;
    const { signature } = await signSellerConsent(registry, seller, {
      escrow: fxAddress,
      orderId: fxConsentId(orderId, quote.payoutToken, quote.payoutAmount),
    });
    const gas = await gasOf(fx.connect(buyer).createFxOrder(terms, quote, quoteSignature, signature));
    return { terms, gas };
  };
  const complete = async (terms: Awaited<ReturnType<typeof create>>["terms"]) => {
    await (await fx.connect(seller).ship(terms, ethers.id("tracking"))).wait();
    return await gasOf(fx.connect(buyer).confirmReceipt(terms));
  };

  // steady state: one order completed (records, balances, fee pot and provider balance non-zero),
  // one left open (the provider's exposure in the pair non-zero)
  await complete((await create()).terms);
  await create();

  const rows: BenchRow[] = [];
  const byAllowance = await create();
  const confirmGas = await complete(byAllowance.terms);
  rows.push(
    { section: SECTION, name: "createFxOrder, payout leg from the provider's allowance", gas: byAllowance.gas },
    { section: SECTION, name: "confirmReceipt (seller paid in CNY, provider credited USD)", gas: confirmGas },
    {
      section: SECTION,
      name: "createFxOrder + confirmReceipt",
      gas: byAllowance.gas + confirmGas,
      budget: FX_CREATE_CONFIRM_BUDGET,
      reference: `target ${formatGas(FX_CREATE_CONFIRM_TARGET)} (not met); AuthCaptureEscrow ≈225k, one currency`,
    },
  );

  // the provider's balance in the escrow covers the leg: no second transfer in
  await (await fx.connect(provider).deposit(cnyAddress, units("100000"))).wait();
  const byBalance = await create();
  const confirmFloat = await complete(byBalance.terms);
  rows.push({
    section: SECTION,
    name: "createFxOrder + confirmReceipt, payout leg from the provider's balance",
    gas: byBalance.gas + confirmFloat,
    reference: `${formatGas(byBalance.gas + confirmFloat - byAllowance.gas - confirmGas)} vs allowance`,
  });

  // a reference feed on the pair: one more read at creation
  const feed = await ethers.deployContract("MockAggregatorV3", [8, 710_000_000n]);
  await (await desk.setFxFeed(usdAddress, cnyAddress, await feed.getAddress(), 3600, 200)).wait();
  const withFeed = await create();
  rows.push({
    section: SECTION,
    name: "createFxOrder with a reference feed on the pair",
    gas: withFeed.gas,
    reference: `+${formatGas(withFeed.gas - byBalance.gas)} over no feed`,
  });
  rows.push({
    section: SECTION,
    name: "cancel (both legs back: USD to the buyer, CNY to the provider's balance)",
    gas: await gasOf(fx.connect(buyer).cancel(withFeed.terms)),
  });
  return rows;
}
