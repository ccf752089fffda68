/**
 * Gas of the customs gate: what `createOrder` and `ship` pay for `clearanceOf` depending on which
 * entry decides, measured from real receipts on the in-process network. Every order is the same
 * (OZ ERC-20 mock, 1% fee, default arbiter, unlimited allowance, escrow and fee pot non-zero);
 * only the product and the destination's lists differ, so the rows compare with the first one:
 *
 * - a product with its own entry (one slot, as before tariff codes existed);
 * - an unlisted product where the destination lists no tariff code (one more slot: the
 *   jurisdiction's word, which `customsRequired` then reads warm at shipment);
 * - no product entry, the product's HS prefix deciding at 2, 4, 6 or 8 digits in a destination
 *   that lists codes at every level (the HS code slot plus one slot per tariff node on the path);
 * - the deepest path: resolved at the chapter although its heading, subheading and national line
 *   all hold entries (expired), so every node on the path is read.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { signSellerConsent } from "@tradechain/sdk";
import { ESCROW_BUDGETS } from "./escrow.js";
import { deployEscrow, deployMockToken, deployRegistry, holdAndAllow } from "./suite.js";
import { type BenchRow, gasOf } from "./table.js";

const SECTION = "Clearance";
const DECIMALS = 6;
const FEE_BPS = 100n;
const DAY = 86_400n;
const CONFIRM_WINDOW = 14n * DAY;
const PK = 586; // product entries only, no tariff listings
const KZ = 398; // tariff listings at every level
const CN = 156;
const POSITIVE = 1;
const NEGATIVE = 2;

/** Budgets over `createOrder` of a product with its own entry (issue 9). */
export const CLEARANCE_BUDGETS = {
  /** One cold slot (2,100) and its lookup, for the jurisdiction word. */
  noTariffOverEntry: 2_400n,
  /** The worst case the issue sets: no product entry, resolved at the 2-digit level. */
  chapterOverEntry: 9_000n,
} as const;

interface Product {
  readonly id: string;
  readonly hsCode: number;
}

/** Deploys registry, escrow and token, lists the destinations and measures each gate path. */
export async function benchClearance(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  const [admin, seller, buyer, arbiter, customsPK, customsKZ, feeRecipient] =
    await ethers.getSigners();
  const units = (amount: string) => ethers.parseUnits(amount, DECIMALS);
  const product = (name: string, hsCode: number): Product => ({
    id: ethers.id(`bench:${name}`),
    hsCode,
  });
  const laptop = product("laptop", 84713000); // own Positive entry at PK
  const tea = product("tea", 9023000); // nothing at PK; chapter 09 Positive at KZ
  const camera = product("camera", 85258900); // heading 8525 Positive at KZ
  const phone = product("phone", 85171300); // subheading 851713 Positive at KZ
  const shirt = product("shirt", 61051000); // national line 61051000 Positive at KZ
  const coffee = product("coffee", 9012100); // chapter 09 decides; 0901, 090121, 09012100 expired

  const registry = await deployRegistry(
    ethers,
    admin,
    { signer: seller, jurisdiction: CN },
    { signer: buyer, jurisdiction: KZ },
  );
  await (await registry.setCustomsAuthority(PK, customsPK.address, true)).wait();
  await (await registry.setCustomsAuthority(KZ, customsKZ.address, true)).wait();
  for (const p of [laptop, tea, camera, phone, shirt, coffee]) {
    await (await registry.connect(seller).registerProduct(p.id, p.hsCode, ethers.id(p.id))).wait();
  }
  await (
    await registry.connect(customsPK).setListing(PK, laptop.id, POSITIVE, 0, ethers.ZeroHash)
  ).wait();

  // KZ lists at every level; the expired entries sit on coffee's path only.
  const expiry = BigInt(await networkHelpers.time.latest()) + DAY;
  const tariff: [number, number, number, bigint][] = [
    [2, 9, POSITIVE, 0n],
    [4, 8806, NEGATIVE, 0n],
    [4, 8525, POSITIVE, 0n],
    [6, 851713, POSITIVE, 0n],
    [8, 61051000, POSITIVE, 0n],
    [4, 901, POSITIVE, expiry],
    [6, 90121, POSITIVE, expiry],
    [8, 9012100, POSITIVE, expiry],
    [8, 9012200, POSITIVE, 0n],
  ];
  await (
    await registry.connect(customsKZ).setTariffCodeListingBatch(
      KZ,
      tariff.map(([digits]) => digits),
      tariff.map(([, code]) => code),
      tariff.map(([, , status]) => status),
      tariff.map(([, , , expiresAt]) => expiresAt),
      tariff.map(() => ethers.ZeroHash),
    )
  ).wait();
  await networkHelpers.time.increase(DAY);

  const { escrow, escrowAddress } = await deployEscrow(ethers, registry, {
    admin,
    feeRecipient,
    arbiter,
    feeBps: FEE_BPS,
  });
  const token = await deployMockToken(ethers, "USD", DECIMALS);
  await holdAndAllow(ethers, token, escrow, [buyer, seller, feeRecipient], buyer, units("1000000"));

  let refCounter = 0;
  const termsFor = async (p: Product, destination: number) => ({
    buyer: buyer.address,
    seller: seller.address,
    token: await token.getAddress(),
    amount: units("1000"),
    productId: p.id,
    destination,
    shipBy: BigInt(await networkHelpers.time.latest()) + 1000n * DAY,
    confirmWindow: CONFIRM_WINDOW,
    feeBps: FEE_BPS,
    arbiter: arbiter.address,
    ref: ethers.id(`clearance-bench-${++refCounter}`),
  });
  const byBuyer = escrow.connect(buyer);
  const bySeller = escrow.connect(seller);
  type Terms = Awaited<ReturnType<typeof termsFor>>;
  /** The seller's consent to `terms`, signed off the measured transaction as a platform would. */
  const consent = async (terms: Terms): Promise<string> =>
    (
      await signSellerConsent(registry, seller, {
        escrow: escrowAddress,
        orderId: await escrow.orderIdOf(terms),
      })
    ).signature;

  // steady state: one order completed (fee pot, credit records), one left open (escrow holds)
  const warm = await termsFor(laptop, PK);
  await (await byBuyer.createOrder(warm, await consent(warm))).wait();
  await (await bySeller.ship(warm, ethers.id("tracking"))).wait();
  await (await byBuyer.confirmReceipt(warm)).wait();
  const open = await termsFor(laptop, PK);
  await (await byBuyer.createOrder(open, await consent(open))).wait();

  const rows: BenchRow[] = [];
  const measure = async (p: Product, destination: number) => {
    const terms = await termsFor(p, destination);
    const create = await gasOf(byBuyer.createOrder(terms, await consent(terms)));
    const ship = await gasOf(bySeller.ship(terms, ethers.id("tracking")));
    return { terms, create, ship };
  };

  const entry = await measure(laptop, PK);
  const entryConfirm = await gasOf(byBuyer.confirmReceipt(entry.terms));
  const over = (gas: bigint) => `+${(gas - entry.create).toLocaleString("en-US")} over entry`;
  rows.push(
    { section: SECTION, name: "createOrder, product entry (1 slot)", gas: entry.create },
    {
      section: SECTION,
      name: "createOrder + confirmReceipt, product entry",
      gas: entry.create + entryConfirm,
      budget: ESCROW_BUDGETS.createPlusConfirm,
      reference: "escrow budget",
    },
    { section: SECTION, name: "ship, product entry (Positive: cleared)", gas: entry.ship },
  );

  const unlisted = await measure(tea, PK);
  rows.push(
    {
      section: SECTION,
      name: "createOrder, unlisted, no tariff listings",
      gas: unlisted.create,
      budget: entry.create + CLEARANCE_BUDGETS.noTariffOverEntry,
      reference: over(unlisted.create),
    },
    {
      section: SECTION,
      name: "ship, unlisted, no tariff listings (customsRequired warm)",
      gas: unlisted.ship,
    },
  );

  const levels: [string, Product][] = [
    ["createOrder, resolved at 8 digits (national line)", shirt],
    ["createOrder, resolved at 6 digits (subheading)", phone],
    ["createOrder, resolved at 4 digits (heading)", camera],
  ];
  for (const [name, p] of levels) {
    const gas = (await measure(p, KZ)).create;
    rows.push({ section: SECTION, name, gas, reference: over(gas) });
  }
  const chapter = await measure(tea, KZ);
  rows.push(
    {
      section: SECTION,
      name: "createOrder, resolved at 2 digits (issue's worst case)",
      gas: chapter.create,
      budget: entry.create + CLEARANCE_BUDGETS.chapterOverEntry,
      reference: over(chapter.create),
    },
    { section: SECTION, name: "ship, resolved at 2 digits (Positive: cleared)", gas: chapter.ship },
  );
  const deepest = (await measure(coffee, KZ)).create;
  rows.push({
    section: SECTION,
    name: "createOrder, at 2 digits, every node on the path expired",
    gas: deepest,
    reference: over(deepest),
  });
  return rows;
}
