/**
 * What issue 15 added beside the budgeted paths, from real receipts on the in-process network:
 * `createOrder` with the seller's consent given each of the three ways (the seller's own EOA
 * signature, a delegate's, an ERC-1271 wallet seller's), a re-classification as the number of
 * jurisdictions with tariff listings grows (the hold rule checks each one), and customs'
 * binding classification. Steady state as in the escrow section: OZ ERC-20 mock, 1% fee, the
 * default arbiter, a positive-listed product, parties holding the token, records non-zero.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { formatGas, ParticipantRole, signSellerConsent } from "@tradechain/sdk";
import { deployEscrow, deployMockToken, deployRegistry, holdAndAllow } from "./suite.js";
import { type BenchRow, gasOf } from "./table.js";

const CONSENT = "Seller consent (createOrder, OZ)";
const CLASSIFICATION = "Classification";
const DECIMALS = 6;
const FEE_BPS = 100n;
const DAY = 86_400n;
const PK = 586;
const CN = 156;
const POSITIVE = 1;
const NEGATIVE = 2;
/** Jurisdiction counts with tariff listings at which a re-classification is measured. */
export const TARIFF_JURISDICTIONS = [0, 1, 5, 10] as const;
/** The first of the jurisdictions given tariff listings (ISO numeric codes 700-709, arbitrary). */
const FIRST_TARIFF_JURISDICTION = 700;

export async function benchConsent(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  const [admin, seller, buyer, arbiter, customs, feeRecipient, platform, walletOwner, registered] =
    await ethers.getSigners();
  const units = (amount: string) => ethers.parseUnits(amount, DECIMALS);
  const laptop = ethers.id("bench:consent-laptop");

  // ------------------------------------------------------------------ deployment
  const registry = await deployRegistry(
    ethers,
    admin,
    { signer: seller, jurisdiction: CN },
    { signer: buyer, jurisdiction: PK },
  );
  const wallet = await ethers.deployContract("MockERC1271Wallet", [walletOwner.address]);
  const walletAddress = await wallet.getAddress();
  await (
    await registry.registerParticipant(walletAddress, ParticipantRole.Seller, CN, ethers.id("kyc"))
  ).wait();
  await (
    await registry.registerParticipant(
      registered.address,
      ParticipantRole.Arbiter,
      CN,
      ethers.id("kyc:arbiter"),
    )
  ).wait();
  await (await registry.setCustomsAuthority(PK, customs.address, true)).wait();
  await (await registry.connect(seller).registerProduct(laptop, 84713000, ethers.id("d"))).wait();
  await (
    await registry.connect(customs).setListing(PK, laptop, POSITIVE, 0, ethers.ZeroHash)
  ).wait();
  await (await registry.connect(seller).setDelegate(platform.address)).wait();
  const { escrow, escrowAddress } = await deployEscrow(ethers, registry, {
    admin,
    feeRecipient,
    arbiter,
    feeBps: FEE_BPS,
  });
  const token = await deployMockToken(ethers, "USD", DECIMALS);
  await holdAndAllow(ethers, token, escrow, [buyer, seller, feeRecipient], buyer, units("1000000"));
  await (await token.mint(walletAddress, units("1000"))).wait();

  let refCounter = 0;
  const termsFor = async (sellerAddress: string, arbiterAddress = arbiter.address) => ({
    buyer: buyer.address,
    seller: sellerAddress,
    token: await token.getAddress(),
    amount: units("1000"),
    productId: laptop,
    destination: PK,
    shipBy: BigInt(await networkHelpers.time.latest()) + 1000n * DAY,
    confirmWindow: 14n * DAY,
    feeBps: FEE_BPS,
    arbiter: arbiterAddress,
    ref: ethers.id(`consent-bench-${++refCounter}`),
  });
  type Terms = Awaited<ReturnType<typeof termsFor>>;
  type AnySigner = typeof seller;
  const consent = async (terms: Terms, signer: AnySigner): Promise<string> =>
    (
      await signSellerConsent(registry, signer, {
        escrow: escrowAddress,
        orderId: await escrow.orderIdOf(terms),
      })
    ).signature;
  const byBuyer = escrow.connect(buyer);
  /** Creates an order of `sellerAddress` consented by `signer`; returns its terms and gas. */
  const create = async (sellerAddress: string, signer: AnySigner) => {
    const terms = await termsFor(sellerAddress);
    return { terms, gas: await gasOf(byBuyer.createOrder(terms, await consent(terms, signer))) };
  };

  // steady state: each seller has completed one order (records, balances, fee pot non-zero)
  for (const [sellerAddress, signer] of [
    [seller.address, seller],
    [walletAddress, walletOwner],
  ] as const) {
    const { terms } = await create(sellerAddress, signer);
    const shipData = escrow.interface.encodeFunctionData("ship", [terms, ethers.id("tracking")]);
    if (sellerAddress === walletAddress) {
      await (await wallet.connect(walletOwner).execute(escrowAddress, shipData)).wait();
    } else {
      await (await escrow.connect(seller).ship(terms, ethers.id("tracking"))).wait();
    }
    await (await byBuyer.confirmReceipt(terms)).wait();
  }

  const rows: BenchRow[] = [];
  const own = (await create(seller.address, seller)).gas;
  const over = (gas: bigint) => `+${formatGas(gas - own)} over the seller's own signature`;
  rows.push({ section: CONSENT, name: "the seller signs (EOA)", gas: own });
  const delegated = (await create(seller.address, platform)).gas;
  rows.push({
    section: CONSENT,
    name: "a delegate signs (setDelegate)",
    gas: delegated,
    reference: over(delegated),
  });
  const contractSeller = (await create(walletAddress, walletOwner)).gas;
  rows.push({
    section: CONSENT,
    name: "an ERC-1271 wallet seller (its owner signs)",
    gas: contractSeller,
    reference: over(contractSeller),
  });

  // the default arbiter's standing is a copy in the escrow's config word; a registered arbiter
  // costs the registry a read of its participant slot: the difference is what the copy saves
  const named = await termsFor(seller.address, registered.address);
  const namedGas = await gasOf(byBuyer.createOrder(named, await consent(named, seller)));
  rows.push({
    section: CONSENT,
    name: "the seller signs, naming a registered arbiter (not the default)",
    gas: namedGas,
    reference: over(namedGas),
  });

  // ------------------------------------------------------------------ classification
  // gadget's two codes are listed nowhere: no jurisdiction holds anything (the loop's floor);
  // drone sits under heading 8806, banned in every jurisdiction given listings: each one holds.
  const gadget = ethers.id("bench:gadget");
  const gadgetCodes = [85171300, 85171400];
  await (await registry.connect(seller).registerProduct(gadget, gadgetCodes[0], ethers.id("g"))).wait();
  let gadgetCode = 0;
  let listed = 0;
  for (const count of TARIFF_JURISDICTIONS) {
    for (; listed < count; listed++) {
      const jurisdiction = FIRST_TARIFF_JURISDICTION + listed;
      await (await registry.setCustomsAuthority(jurisdiction, customs.address, true)).wait();
      await (
        await registry
          .connect(customs)
          .setTariffCodeListing(jurisdiction, 4, 8806, NEGATIVE, 0, ethers.ZeroHash)
      ).wait();
    }
    gadgetCode = 1 - gadgetCode;
    rows.push({
      section: CLASSIFICATION,
      name: `reclassifyProduct, ${count} jurisdiction(s) with tariff listings, none holds`,
      gas: await gasOf(registry.connect(seller).reclassifyProduct(gadget, gadgetCodes[gadgetCode])),
    });
    if (count === 0) continue;
    const drone = ethers.id(`bench:drone-${count}`);
    await (await registry.connect(seller).registerProduct(drone, 88062200, ethers.id("d"))).wait();
    rows.push({
      section: CLASSIFICATION,
      name: `reclassifyProduct out of a ban, held in all ${count}`,
      gas: await gasOf(registry.connect(seller).reclassifyProduct(drone, 84713000)),
    });
  }

  const bound = ethers.id("bench:bound");
  await (await registry.connect(seller).registerProduct(bound, 85171300, ethers.id("b"))).wait();
  const byCustoms = registry.connect(customs);
  rows.push(
    {
      section: CLASSIFICATION,
      name: "bindClassification, first binding of its jurisdiction",
      gas: await gasOf(byCustoms.bindClassification(PK, bound, 85171400)),
    },
    {
      section: CLASSIFICATION,
      name: "bindClassification, another code",
      gas: await gasOf(byCustoms.bindClassification(PK, bound, 85171200)),
    },
    {
      section: CLASSIFICATION,
      name: "bindClassification 0 (lifts the binding)",
      gas: await gasOf(byCustoms.bindClassification(PK, bound, 0)),
    },
  );
  return rows;
}
