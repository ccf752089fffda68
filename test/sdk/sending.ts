import { expect } from "chai";
import { BrowserProvider, keccak256, Transaction, Wallet } from "ethers";

import { devWallet } from "@tradechain/devkit/accounts";
import { receiptPollDelay, TradeChainClient } from "@tradechain/sdk";
import { signEip1559 } from "../../sdk/src/raw-tx.js";
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

/** An ethers JSON-RPC provider (default settings: 250 ms cache) that records every call. */
function countingProvider(): { provider: BrowserProvider; calls: string[] } {
  const calls: string[] = [];
  const provider = new BrowserProvider({
    request: (args: { method: string; params?: unknown[] | Record<string, unknown> }) => {
      calls.push(args.method);
      return eip1193.request(args);
    },
  });
  return { provider, calls };
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
    const { provider, calls } = countingProvider();
    const buyer = new TradeChainClient(devWallet(BUYER, provider), fx.addresses);
    const seller = buyer.connect(devWallet(SELLER, provider));
    await buyer.approveEscrow("USD", units(1_000));
    const [feeBps, arbiter, now] = await Promise.all([
      buyer.escrow.feeBps(),
      buyer.escrow.defaultArbiter(),
      buyer.now(),
    ]);
    const order = async () => {
      const { orderId } = await buyer.createOrder(
        {
          seller: fx.seller.address,
          token: "USD",
          amount: units(10),
          productId: TEA, // positive-listed in Pakistan: cleared at shipment
          destination: PK,
          feeBps: Number(feeBps),
          arbiter,
          shipBy: now + 86_400n,
        },
        { method: "allowance", checkAllowance: false },
      );
      await seller.ship(orderId, "tracking");
      await buyer.confirmReceipt(orderId);
      return orderId;
    };
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

  it("can send escrow calls with access lists for the token and registry, for less gas", async function () {
    const fx = await loadFixture(onboardedSuiteFixture);
    const plain = new TradeChainClient(fx.buyer, fx.addresses);
    const listed = new TradeChainClient(fx.buyer, fx.addresses, { accessLists: true });
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
    const wallet = new Wallet(devWallet(BUYER, ethers.provider).privateKey, ethers.provider);
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

  it("signs EIP-1559 calls byte for byte as ethers' Wallet.signTransaction does", async function () {
    const wallet = devWallet(BUYER, ethers.provider);
    const cases = [
      { nonce: 0, value: 0n, data: "0x", gasLimit: 21_000n, accessList: [] },
      {
        nonce: 1_234,
        value: 10n ** 18n,
        data: "0x" + "ab".repeat(300), // a payload longer than 55 bytes: long-form RLP length
        gasLimit: 300_000n,
        accessList: [
          { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", storageKeys: [] },
          {
            address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
            storageKeys: [keccak256("0x01"), keccak256("0x02")],
          },
        ],
      },
      { nonce: 127, value: 127n, data: "0x00", gasLimit: 128n, accessList: [] },
    ];
    for (const c of cases) {
      const fields = {
        ...c,
        chainId: 31_337n,
        to: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
        maxFeePerGas: 2_000_000_000n,
        maxPriorityFeePerGas: 1n,
      };
      const lean = signEip1559(wallet.signingKey, fields);
      const expected = await wallet.signTransaction({ ...fields, type: 2 });
      expect(lean.raw).to.equal(expected);
      expect(lean.hash).to.equal(Transaction.from(expected).hash);
      expect(Transaction.from(lean.raw).from).to.equal(wallet.address);
    }
    expect(() =>
      signEip1559(wallet.signingKey, {
        ...cases[0],
        ...cases[0],
        chainId: 1n,
        to: "0x12",
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n,
      }),
    ).to.throw("Invalid address");
  });

  it("polls receipts at an eighth of the interval first, doubling up to the interval", function () {
    expect([0, 1, 2, 3, 4, 9].map((a) => receiptPollDelay(a, 20))).to.deep.equal([
      2.5, 5, 10, 20, 20, 20,
    ]);
    expect(receiptPollDelay(0, 4)).to.equal(1);
  });
});
