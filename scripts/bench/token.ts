/**
 * Gas of SettlementToken's everyday operations, measured from real receipts on the in-process
 * network in a steady state: sender and recipient already hold a balance, allowances are finite
 * and non-zero, the permit owner's nonce is already past zero.
 */
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";

import { randomNonce, signAuthorization, signPermit } from "@tradechain/sdk";
import { type BenchRow, gasOf } from "./table.js";

const SECTION = "SettlementToken";
const DECIMALS = 6;
const ONE_HOUR = 3600n;

/** Budgets from issue 2 (USDC FiatToken v2.2 measured the same way beside them). */
export const TOKEN_BUDGETS = {
  transfer: 42_000n,
  transferFrom: 49_000n,
  permit: 80_000n,
  authorization: 80_000n,
} as const;

const USDC = {
  transfer: "USDC v2.2: 45,023",
  transferFrom: "USDC v2.2: 53,268",
  permit: "USDC v2.2: 93,738",
  transferWithAuthorization: "USDC v2.2: 85,684",
} as const;

/** Deploys a token, brings it to a steady state and measures each operation once. */
export async function benchToken(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<BenchRow[]> {
  const [admin, minter, alice, bob, spender, relayer] = await ethers.getSigners();
  const units = (amount: string) => ethers.parseUnits(amount, DECIMALS);
  const now = async () => BigInt(await networkHelpers.time.latest());

  const token = await ethers.deployContract("SettlementToken", [
    "TradeChain USD",
    "tcUSD",
    DECIMALS,
    "USD",
    admin.address,
  ]);
  await (await token.grantRole(await token.MASTER_MINTER_ROLE(), admin.address)).wait();
  await (await token.configureMinter(minter.address, units("1000000000"))).wait();
  await (await token.connect(minter).mint(alice.address, units("1000000"))).wait();
  await (await token.connect(minter).mint(bob.address, units("1000000"))).wait();
  await (await token.connect(alice).approve(spender.address, units("500000"))).wait();
  // one permit first, so the measured permit bumps a non-zero nonce as in steady use
  const warmup = await signPermit(token, alice, {
    owner: alice.address,
    spender: relayer.address,
    value: units("1"),
    deadline: (await now()) + ONE_HOUR,
  });
  await (
    await token["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
      alice.address,
      relayer.address,
      units("1"),
      warmup.message.deadline,
      warmup.v,
      warmup.r,
      warmup.s,
    )
  ).wait();

  const rows: BenchRow[] = [];
  const row = (name: string, gas: bigint, budget?: bigint, reference?: string) =>
    rows.push({ section: SECTION, name, gas, budget, reference });

  row(
    "transfer (both hold a balance)",
    await gasOf(token.connect(alice).transfer(bob.address, units("10"))),
    TOKEN_BUDGETS.transfer,
    USDC.transfer,
  );

  row(
    "transfer to a new holder",
    await gasOf(token.connect(alice).transfer(ethers.Wallet.createRandom().address, units("10"))),
  );

  row(
    "transferFrom (finite allowance)",
    await gasOf(token.connect(spender).transferFrom(alice.address, bob.address, units("10"))),
    TOKEN_BUDGETS.transferFrom,
    USDC.transferFrom,
  );

  row(
    "approve (finite, non-zero before)",
    await gasOf(token.connect(alice).approve(spender.address, units("400000"))),
  );

  const permit = await signPermit(token, alice, {
    owner: alice.address,
    spender: spender.address,
    value: units("300000"),
    deadline: (await now()) + ONE_HOUR,
  });
  row(
    "permit (v,r,s)",
    await gasOf(
      token
        .connect(relayer)
        ["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
          alice.address,
          spender.address,
          permit.message.value,
          permit.message.deadline,
          permit.v,
          permit.r,
          permit.s,
        ),
    ),
    TOKEN_BUDGETS.permit,
    USDC.permit,
  );

  // a spender's first permit writes a zero allowance slot (about 15,000 gas more)
  const firstPermit = await signPermit(token, alice, {
    owner: alice.address,
    spender: bob.address,
    value: units("100"),
    deadline: (await now()) + ONE_HOUR,
  });
  row(
    "permit (v,r,s), spender's first allowance",
    await gasOf(
      token
        .connect(relayer)
        ["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
          alice.address,
          firstPermit.message.spender,
          firstPermit.message.value,
          firstPermit.message.deadline,
          firstPermit.v,
          firstPermit.r,
          firstPermit.s,
        ),
    ),
    TOKEN_BUDGETS.permit,
  );

  const permitBytes = await signPermit(token, alice, {
    owner: alice.address,
    spender: spender.address,
    value: units("200000"),
    deadline: (await now()) + ONE_HOUR,
  });
  row(
    "permit (bytes signature)",
    await gasOf(
      token
        .connect(relayer)
        ["permit(address,address,uint256,uint256,bytes)"](
          alice.address,
          spender.address,
          permitBytes.message.value,
          permitBytes.message.deadline,
          permitBytes.signature,
        ),
    ),
    TOKEN_BUDGETS.permit,
  );

  const authorization = async (to: string) => {
    const at = await now();
    return {
      from: alice.address,
      to,
      value: units("10"),
      validAfter: at - 1n,
      validBefore: at + ONE_HOUR,
      nonce: randomNonce(),
    };
  };

  const twa = await authorization(bob.address);
  const twaSig = await signAuthorization(token, alice, "TransferWithAuthorization", twa);
  row(
    "transferWithAuthorization (v,r,s)",
    await gasOf(
      token
        .connect(relayer)
        [
          "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"
        ](
          twa.from,
          twa.to,
          twa.value,
          twa.validAfter,
          twa.validBefore,
          twa.nonce,
          twaSig.v,
          twaSig.r,
          twaSig.s,
        ),
    ),
    TOKEN_BUDGETS.authorization,
    USDC.transferWithAuthorization,
  );

  const twaBytes = await authorization(bob.address);
  const twaBytesSig = await signAuthorization(token, alice, "TransferWithAuthorization", twaBytes);
  row(
    "transferWithAuthorization (bytes signature)",
    await gasOf(
      token
        .connect(relayer)
        ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
          twaBytes.from,
          twaBytes.to,
          twaBytes.value,
          twaBytes.validAfter,
          twaBytes.validBefore,
          twaBytes.nonce,
          twaBytesSig.signature,
        ),
    ),
    TOKEN_BUDGETS.authorization,
  );

  const rwa = await authorization(bob.address);
  const rwaSig = await signAuthorization(token, alice, "ReceiveWithAuthorization", rwa);
  row(
    "receiveWithAuthorization (bytes signature)",
    await gasOf(
      token
        .connect(bob)
        ["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
          rwa.from,
          rwa.to,
          rwa.value,
          rwa.validAfter,
          rwa.validBefore,
          rwa.nonce,
          rwaSig.signature,
        ),
    ),
    TOKEN_BUDGETS.authorization,
  );

  row(
    "mint (to an existing holder)",
    await gasOf(token.connect(minter).mint(alice.address, units("10"))),
  );

  return rows;
}
