/**
 * Gas per order when a platform batches same-sender steps through the escrow's `multicall` with
 * the SDK (`createMany`, `shipMany`, `confirmMany`), at batch sizes 1, 5, 10 and 25, beside the
 * same orders sent one transaction per step. Steady state as in the escrow section: buyer,
 * seller, fee recipient and escrow already hold the token, both credit records and the fee pot
 * are non-zero, the allowance is unlimited, the product is positive-listed (cleared at shipment).
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { countryCode, formatGas, type NewOrder, productIdFromHsCode, TradeChainClient } from "@tradechain/sdk";
import { ISSUE15_ORDER_ADDITION } from "./escrow.js";
import type { BenchRow } from "./table.js";

const SECTION = "Batched orders";
/** Batch sizes the bench reports. */
export const BATCH_SIZES = [1, 5, 10, 25] as const;
const DECIMALS = 6;
const FEE_BPS = 100;
const PK = countryCode("PK");
const CN = countryCode("CN");
const LAPTOP_HS = "8471.30.00";

/**
 * Whole-order gas (create + ship + confirm) per order, by batch size (1: multicall overhead): the
 * budgets before issue 15 plus what it adds to a whole order (every order carries its consent:
 * its signature in calldata and its recovery; the HS code snapshot; both parties as topics).
 */
export const BATCH_BUDGETS: Readonly<Record<number, bigint>> = {
  1: 215_000n + ISSUE15_ORDER_ADDITION,
  5: 110_000n + ISSUE15_ORDER_ADDITION,
  10: 100_000n + ISSUE15_ORDER_ADDITION,
  25: 95_000n + ISSUE15_ORDER_ADDITION,
};
/** Budget of an order sent one transaction per step (the escrow section's path, plus ship). */
export const UNBATCHED_BUDGET = 200_000n + ISSUE15_ORDER_ADDITION;

export async function benchBatch(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  void networkHelpers;
  const [admin, seller, buyer, arbiter, customs, feeRecipient] = await ethers.getSigners();
  const units = (amount: string) => ethers.parseUnits(amount, DECIMALS);

  // ------------------------------------------------------------------ deployment
  const registry = await ethers.deployContract("TradeRegistry", [admin.address]);
  const escrow = await ethers.deployContract("TradeEscrow", [
    admin.address,
    await registry.getAddress(),
    feeRecipient.address,
    FEE_BPS,
    arbiter.address,
  ]);
  const token = await ethers.deployContract("SettlementToken", [
    "TradeChain USD",
    "tcUSD",
    DECIMALS,
    "USD",
    admin.address,
  ]);
  const addresses = {
    registry: await registry.getAddress(),
    escrow: await escrow.getAddress(),
    tokens: { USD: await token.getAddress() },
  };
  // The SDK signs the seller's consent to each order with the seller's wallet it holds.
  const operator = new TradeChainClient(admin, addresses, { sellerConsent: seller });
  const bySeller = operator.connect(seller);
  const byBuyer = operator.connect(buyer);
  await operator.execute(() => operator.registry.grantRole(ethers.id("REGISTRAR_ROLE"), admin));
  await operator.execute(() => operator.registry.setEscrow(addresses.escrow));
  await operator.execute(() => operator.escrow.setTokenAllowed(addresses.tokens.USD, true));
  await operator.registerParticipant(seller.address, ["Seller"], CN, "kyc:seller");
  await operator.registerParticipant(buyer.address, ["Buyer"], PK, "kyc:buyer");
  await operator.setCustomsAuthority(PK, customs.address);
  const laptop = productIdFromHsCode("8471.30", "BENCH-BATCH-LAPTOP");
  await bySeller.registerProduct(laptop, LAPTOP_HS, "docs:laptop");
  await operator.connect(customs).setListing(PK, laptop, "Positive");
  await operator.execute(() =>
    operator.token("USD").grantRole(ethers.id("MASTER_MINTER_ROLE"), admin),
  );
  await operator.configureMinter("USD", admin.address, units("100000000"));
  for (const holder of [buyer, seller, feeRecipient]) {
    await operator.mint("USD", holder.address, units("1000000"));
  }
  await byBuyer.approveEscrow("USD", ethers.MaxUint256);

  let ref = 0;
  const orders = (n: number): NewOrder[] =>
    Array.from({ length: n }, () => ({
      seller: seller.address,
      token: "USD",
      amount: units("1000"),
      productId: laptop,
      destination: PK,
      ref: ethers.id(`bench-batch-${++ref}`),
    }));

  // ------------------------------------------------------------------ steady state
  const warm = await byBuyer.createMany(orders(1));
  await bySeller.shipMany(warm.orderIds);
  await byBuyer.confirmMany(warm.orderIds);

  const rows: BenchRow[] = [];
  const listed = new TradeChainClient(buyer, addresses, {
    accessLists: true,
    sellerConsent: seller,
  });
  for (const [buyerClient, label] of [
    [byBuyer, "one transaction per step"],
    [listed, "one transaction per step, access lists"],
  ] as const) {
    const sellerClient = buyerClient.connect(seller);
    const [order] = orders(1);
    const created = await buyerClient.createOrder(order, { method: "allowance" });
    const shipped = await sellerClient.ship(created.orderId);
    const confirmed = await buyerClient.confirmReceipt(created.orderId);
    rows.push({
      section: SECTION,
      name: `${label}: create + ship + confirm`,
      gas: created.receipt.gasUsed + shipped.gasUsed + confirmed.gasUsed,
      budget: UNBATCHED_BUDGET,
    });
  }
  for (const n of BATCH_SIZES) {
    const created = await byBuyer.createMany(orders(n));
    const shipped = await bySeller.shipMany(created.orderIds);
    const confirmed = await byBuyer.confirmMany(created.orderIds);
    const perOrder = (gas: bigint) => gas / BigInt(n);
    const create = perOrder(created.receipt.gasUsed);
    const ship = perOrder(shipped.receipt.gasUsed);
    const confirm = perOrder(confirmed.receipt.gasUsed);
    rows.push({
      section: SECTION,
      name: `batch of ${n}: create ${formatGas(create)} + ship ${formatGas(ship)} + confirm ${formatGas(confirm)}`,
      gas: create + ship + confirm,
      budget: BATCH_BUDGETS[n],
    });
  }
  return rows;
}
