/**
 * Shared fixture for SettlementToken tests: a USD token with every role held by a distinct
 * signer, a configured minter, two funded holders and a funded ERC-1271 wallet. Load it with
 * `networkHelpers.loadFixture(deployTokenFixture)`.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { parseUnits } from "ethers";

export {
  type AuthorizationKind,
  type AuthorizationMessage,
  authorizationDigest,
  type CancellationMessage,
  cancellationDigest,
  type PermitMessage,
  permitDigest,
  randomNonce,
  signAuthorization,
  signCancellation,
  type SignedMessage,
  signPermit,
  tokenDomain,
} from "@tradechain/sdk";

/** Token parameters of the default deployment. */
export const TOKEN_NAME = "TradeChain USD";
export const TOKEN_SYMBOL = "tcUSD";
export const TOKEN_DECIMALS = 6;
export const TOKEN_CURRENCY = "USD";

/** Parses a human amount ("12.5") into the token's 6-decimal units. */
export function usd(amount: string): bigint {
  return parseUnits(amount, TOKEN_DECIMALS);
}

/** The minter's allowance after the fixture's mints. */
export const MINTER_ALLOWANCE = usd("1000000");
export const ALICE_BALANCE = usd("1000");
export const BOB_BALANCE = usd("500");
export const WALLET_BALANCE = usd("300");

/** Deploys the token and sets the scene; the argument is supplied by `loadFixture`. */
export async function deployTokenFixture({ ethers }: NetworkConnection) {
  const [
    admin,
    masterMinter,
    pauser,
    blacklister,
    rescuer,
    minter,
    alice,
    bob,
    carol,
    spender,
    relayer,
    walletOwner,
    outsider,
  ] = await ethers.getSigners();

  const token = await ethers.deployContract("SettlementToken", [
    TOKEN_NAME,
    TOKEN_SYMBOL,
    TOKEN_DECIMALS,
    TOKEN_CURRENCY,
    admin.address,
  ]);
  await token.grantRole(await token.MASTER_MINTER_ROLE(), masterMinter.address);
  await token.grantRole(await token.PAUSER_ROLE(), pauser.address);
  await token.grantRole(await token.BLACKLISTER_ROLE(), blacklister.address);
  await token.grantRole(await token.RESCUER_ROLE(), rescuer.address);

  const wallet = await ethers.deployContract("MockERC1271Wallet", [walletOwner.address]);

  const fundedAllowance = MINTER_ALLOWANCE + ALICE_BALANCE + BOB_BALANCE + WALLET_BALANCE;
  await token.connect(masterMinter).configureMinter(minter.address, fundedAllowance);
  await token.connect(minter).mint(alice.address, ALICE_BALANCE);
  await token.connect(minter).mint(bob.address, BOB_BALANCE);
  await token.connect(minter).mint(await wallet.getAddress(), WALLET_BALANCE);

  return {
    token,
    wallet,
    admin,
    masterMinter,
    pauser,
    blacklister,
    rescuer,
    minter,
    alice,
    bob,
    carol,
    spender,
    relayer,
    walletOwner,
    outsider,
  };
}
