import { expect } from "chai";
import { BrowserProvider, FallbackProvider, Wallet } from "ethers";

import { devWallet } from "@tradechain/devkit/accounts";
import { receiptPollDelay, TradeChainClient } from "@tradechain/sdk";
import {
  eip1193,
  ethers,
  networkHelpers,
  onboardedSuiteFixture,
  PK,
  TEA,
  units,
} from "../helpers/sdk.js";

const { loadFixture } = networkHelpers;

/**
 * An ethers JSON-RPC provider that records every call: default settings (a 250 ms cache, and the
 * chain id checked before each receipt), or with `staticNetwork` (the chain id asked once).
 */
function countingProvider(options: { staticNetwork?: boolean } = {}): {
  provider: BrowserProvider;
  calls: string[];
} {
  const calls: string[] = [];
  const provider = new BrowserProvider(
    {
      request: (args: { method: string; params?: unknown[] | Record<string, unknown> }) => {
        calls.push(args.method);
        return eip1193.request(args);
      },
    },
    undefined,
    options,
  );
  return { provider, calls };
}

/** A warm order (create, ship, confirm) of `buyer` and `seller`, whose clients share a provider. */
async function warmOrders(
  buyer: TradeChainClient,
  seller: TradeChainClient,
  sellerAddress: string,
) {
  await buyer.approveEscrow("USD", units(1_000));
  const [feeBps, arbiter, now] = await Promise.all([
    buyer.escrow.feeBps(),
    buyer.escrow.defaultArbiter(),
    buyer.now(),
  ]);
  return async () => {
    const { orderId } = await buyer.createOrder(
      {
        seller: sellerAddress,
        token: "USD",
        amount: units(10),
        productId: TEA, // positive-listed in Pakistan: cleared at shipment
        destination: PK,
        feeBps: Number(feeBps),
        arbiter,
        shipBy: now + 86_400n,
      },
      { method: "allowance", checkAllowance: false, sellerSigner: seller.signer },
    );
    await seller.ship(orderId, "tracking");
    await buyer.confirmReceipt(orderId);
    return orderId;
  };
}

/** Account indexes of the fixture's parties (see deployedSuiteFixture). */
const SELLER = 4;
const BUYER = 5;

describe("TradeChainClient sending", function () {
  it("sends a burst of transactions from one wallet concurrently, in nonce order, with default provider settings", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { provider } = countingProvider();
    const wallet = devWallet(BUYER, provider);
    expect(wallet.address).to.equal(fx.buyer.address);
    const client = new TradeChainClient(wallet, fx.addresses);
    const before = await ethers.provider.getTransactionCount(wallet.address);
    const strangerBefore = await ethers.provider.getBalance(fx.stranger.address);
    const receipts = await Promise.all(
      Array.from({ length: 15 }, () =>
        client.sendTransaction({ to: fx.stranger.address, value: 1n }),
      ),
    );
    expect(receipts.every((r) => r.status === 1)).to.equal(true);
    expect(await ethers.provider.getTransactionCount(wallet.address)).to.equal(before + 15);
    expect(await ethers.provider.getBalance(fx.stranger.address)).to.equal(strangerBefore + 15n);
    // The same burst as escrow approvals and registry calls through another client of the wallet.
    const other = new TradeChainClient(wallet, fx.addresses);
    await Promise.all([
      other.approveEscrow("USD", units(1)),
      client.approveEscrow("CNY", units(2)),
      other.approveEscrow("USD", units(3)),
    ]);
    expect(await client.token("USD").allowance(wallet.address, fx.addresses.escrow)).to.equal(
      units(3),
    );
  });

  it("keeps a Hardhat signer's bursts in order too (mints from the operator)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const targets = [fx.stranger, fx.relayer, fx.logistics, fx.arbiter];
    await Promise.all(targets.map((t) => fx.clients.operator.mint("USD", t.address, units(5))));
    for (const t of targets) {
      expect(await fx.clients.operator.balanceOf("USD", t.address)).to.equal(units(5));
    }
  });

  it("recovers when another program used the wallet's nonce (refetches and retries once)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { provider } = countingProvider();
    const wallet = devWallet(BUYER, provider);
    const client = new TradeChainClient(wallet, fx.addresses);
    await client.sendTransaction({ to: fx.stranger.address, value: 1n });
    // Sent around the client: its next nonce is now stale.
    await (await fx.buyer.sendTransaction({ to: fx.stranger.address, value: 1n })).wait();
    const receipt = await client.sendTransaction({ to: fx.stranger.address, value: 1n });
    expect(receipt.status).to.equal(1);
  });

  it("makes 6 JSON-RPC calls per order once warm: a send and a receipt per step", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { provider, calls } = countingProvider({ staticNetwork: true });
    const buyer = new TradeChainClient(devWallet(BUYER, provider), fx.addresses);
    const seller = buyer.connect(devWallet(SELLER, provider));
    const order = await warmOrders(buyer, seller, fx.seller.address);
    await order(); // learns gas limits (one estimate per kind of call) and the fee data
    calls.length = 0;
    const orderId = await order();
    expect(calls).to.deep.equal([
      "eth_sendRawTransaction",
      "eth_getTransactionReceipt",
      "eth_sendRawTransaction",
      "eth_getTransactionReceipt",
      "eth_sendRawTransaction",
      "eth_getTransactionReceipt",
    ]);
    expect((await buyer.orderState(orderId)).status).to.equal("Completed");
  });

  it("adds ethers' chain id check before each receipt on a provider without staticNetwork", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const { provider, calls } = countingProvider();
    const buyer = new TradeChainClient(devWallet(BUYER, provider), fx.addresses);
    const seller = buyer.connect(devWallet(SELLER, provider));
    const order = await warmOrders(buyer, seller, fx.seller.address);
    await order();
    calls.length = 0;
    await order();
    const count = (method: string) => calls.filter((c) => c === method).length;
    expect(count("eth_sendRawTransaction")).to.equal(3);
    expect(count("eth_getTransactionReceipt")).to.equal(3);
    expect(count("eth_chainId")).to.equal(3);
    expect(calls).to.have.length(9);
  });

  it("can send escrow calls with access lists for the token and registry, for less gas", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const plain = new TradeChainClient(fx.buyer, fx.addresses, { sellerConsent: fx.seller });
    const listed = new TradeChainClient(fx.buyer, fx.addresses, {
      accessLists: true,
      sellerConsent: fx.seller,
    });
    const sellerPlain = plain.connect(fx.seller);
    const sellerListed = listed.connect(fx.seller);
    await plain.approveEscrow("USD", units(100));
    const order = {
      seller: fx.seller.address,
      token: "USD",
      amount: units(10),
      productId: TEA,
      destination: PK,
    };
    const gas = async (client: TradeChainClient, seller: TradeChainClient) => {
      const created = await client.createOrder(order, { method: "allowance" });
      const shipped = await seller.ship(created.orderId);
      const confirmed = await client.confirmReceipt(created.orderId);
      expect(created.receipt.type).to.equal(2);
      return [created.receipt.gasUsed, shipped.gasUsed, confirmed.gasUsed];
    };
    await gas(plain, sellerPlain); // warm the accounts' storage the same way for both runs
    const [createPlain, shipPlain, confirmPlain] = await gas(plain, sellerPlain);
    const [createListed, shipListed, confirmListed] = await gas(listed, sellerListed);
    expect(createListed < createPlain).to.equal(true);
    expect(shipListed < shipPlain).to.equal(true);
    expect(confirmListed < confirmPlain).to.equal(true);
    const tx = await ethers.provider.getTransaction(
      (await listed.connect(fx.seller).registerProduct(ethers.id("x"), "8471.30.00", "x")).hash,
    );
    expect(tx?.accessList ?? []).to.deep.equal([]); // registry calls go without a list
  });

  it("sends through a local wallet on a provider without raw JSON-RPC (broadcastTransaction)", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    // A FallbackProvider has no `send`: the client broadcasts and reads receipts through ethers.
    const { provider } = countingProvider();
    const fallback = new FallbackProvider([provider], undefined, { pollingInterval: 20 });
    const wallet = new Wallet(devWallet(BUYER).privateKey, fallback);
    const client = new TradeChainClient(wallet, fx.addresses);
    const receipts = await Promise.all([
      client.approveEscrow("USD", units(7)),
      client.approveEscrow("CNY", units(8)),
    ]);
    expect(receipts.map((r) => r.status)).to.deep.equal([1, 1]);
    expect(await client.token("CNY").allowance(wallet.address, fx.addresses.escrow)).to.equal(
      units(8),
    );
  });

  it("polls receipts at an eighth of the interval first, doubling up to the interval", function () {
    expect([0, 1, 2, 3, 4, 9].map((a) => receiptPollDelay(a, 20))).to.deep.equal([
      2.5, 5, 10, 20, 20, 20,
    ]);
    expect(receiptPollDelay(0, 4)).to.equal(1);
  });
});
