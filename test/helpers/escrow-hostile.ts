/**
 * Fixtures for the escrow's hostile-condition tests: the shared escrow fixture plus tokens that
 * misbehave (re-entrant, fee-on-transfer, false-returning), each allowlisted (an admin mistake the
 * escrow must survive) with the buyer funded and the escrow approved.
 */
import type {
  MockFalseReturnERC20,
  MockFeeOnTransferERC20,
  MockReentrantERC20,
} from "../../typechain-types/index.js";
import { escrowFixture, ethers, usd } from "./escrow.js";
import type { OrderTerms } from "./escrow.js";

export async function hostileFixture() {
  const fx = await escrowFixture();
  const escrowAddress = await fx.escrow.getAddress();
  const reentrant = (await ethers.deployContract("MockReentrantERC20", [
    "Re-entrant USD",
    "reUSD",
  ])) as unknown as MockReentrantERC20;
  const falseToken = (await ethers.deployContract("MockFalseReturnERC20", [
    "False USD",
    "fUSD",
  ])) as unknown as MockFalseReturnERC20;
  const feeToken = (await ethers.deployContract("MockFeeOnTransferERC20", [
    "Fee USD",
    "feeUSD",
  ])) as unknown as MockFeeOnTransferERC20;
  for (const token of [reentrant, falseToken, feeToken]) {
    await token.mint(fx.buyer.address, usd(1_000_000));
    await token.connect(fx.buyer).approve(escrowAddress, ethers.MaxUint256);
    await fx.escrow.setTokenAllowed(await token.getAddress(), true);
  }
  const addresses = {
    reentrant: await reentrant.getAddress(),
    falseToken: await falseToken.getAddress(),
    feeToken: await feeToken.getAddress(),
    stc: await fx.stc.getAddress(),
    usd: await fx.usd.getAddress(),
  };
  /** Fresh terms in `token` (a new `ref` each call). */
  const termsIn = (token: string, overrides: Partial<OrderTerms> = {}): OrderTerms =>
    fx.anyTerms({ token, ...overrides });
  return {
    ...fx,
    reentrant,
    falseToken,
    feeToken,
    addresses,
    escrowAddress,
    termsIn,
  };
}

export type HostileFixture = Awaited<ReturnType<typeof hostileFixture>>;
