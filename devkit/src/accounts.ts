/**
 * The development accounts: the well-known mnemonic every hardhat node, Hardhat's in-process
 * network and Anvil derive their funded accounts from. Anyone holds their keys, so they are for
 * local chains only (the deploy checks refuse them elsewhere).
 */
import { getAddress, HDNodeWallet, isAddress, Mnemonic, type Provider } from "ethers";

/** The mnemonic hardhat node, Hardhat's in-process network and Anvil derive their accounts from. */
export const DEVELOPMENT_MNEMONIC = "test test test test test test test test test test test junk";

/** How many accounts of {@link DEVELOPMENT_MNEMONIC} count as public (`--accounts` up to this). */
export const DEVELOPMENT_ACCOUNT_COUNT = 100;

/** The derivation path of account `index` (the nodes' default, BIP-44 for Ethereum). */
function accountPath(index: number): string {
  return `m/44'/60'/0'/0/${index}`;
}

/** Development account `index` as a wallet, connected to `provider` when one is given. */
export function devWallet(index: number, provider?: Provider): HDNodeWallet {
  const wallet = HDNodeWallet.fromMnemonic(
    Mnemonic.fromPhrase(DEVELOPMENT_MNEMONIC),
    accountPath(index),
  );
  return provider === undefined ? wallet : wallet.connect(provider);
}

/** The first `count` development accounts as wallets on `provider`. */
export function devWallets(provider: Provider, count: number): HDNodeWallet[] {
  return Array.from({ length: count }, (_, i) => devWallet(i, provider));
}

let developmentAccounts: ReadonlyMap<string, number> | undefined;

/** The public development accounts (checksummed address → account index). */
export function publicDevelopmentAccounts(): ReadonlyMap<string, number> {
  if (developmentAccounts === undefined) {
    const root = HDNodeWallet.fromMnemonic(
      Mnemonic.fromPhrase(DEVELOPMENT_MNEMONIC),
      "m/44'/60'/0'/0",
    );
    const accounts = new Map<string, number>();
    for (let i = 0; i < DEVELOPMENT_ACCOUNT_COUNT; i++)
      accounts.set(root.deriveChild(i).address, i);
    developmentAccounts = accounts;
  }
  return developmentAccounts;
}

/** The index of `address` among the public development accounts, or undefined. */
export function developmentAccountIndex(address: string): number | undefined {
  return isAddress(address) ? publicDevelopmentAccounts().get(getAddress(address)) : undefined;
}
