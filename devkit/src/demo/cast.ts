/**
 * The demo's cast and catalogue: who is who (the network's first accounts, in order), the
 * exporter's products with their public identifiers and HS codes, and the opening balances.
 */
import { countryCode, productIdFromGtin, productIdFromHsCode } from "@tradechain/sdk";
import type { Signer } from "ethers";

/**
 * The parties, in the order of the network's accounts. Accounts 0-3 are fixed by
 * `ignition/parameters/local.json` (deployer/admin, operator, fee recipient, default arbiter).
 */
export const PARTY_KEYS = [
  "admin",
  "operator",
  "feeRecipient",
  "defaultArbiter",
  "exporter",
  "importer",
  "consumer",
  "logistics",
  "customsPK",
  "customsKZ",
  "arbiter",
  "platform",
] as const;

/** A party of the story. */
export type PartyKey = (typeof PARTY_KEYS)[number];

/** How each party is called in the output. */
export const PARTY_NAMES: Readonly<Record<PartyKey, string>> = {
  admin: "Platform admin",
  operator: "TradeChain operator",
  feeRecipient: "Platform fee treasury",
  defaultArbiter: "Default arbiter",
  exporter: "Shenzhen Bright Electronics (CN)",
  importer: "Karachi Traders Ltd (PK)",
  consumer: "Aigerim, Almaty (KZ)",
  logistics: "Silk Road Logistics (CN)",
  customsPK: "Pakistan Customs",
  customsKZ: "Kazakhstan Customs",
  arbiter: "Trade arbiter, Hong Kong",
  platform: "Platform relayer",
};

/** Number of accounts the story needs from the network. */
export const ACCOUNTS_NEEDED = PARTY_KEYS.length;

/** The parties' signers. */
export type Cast = Readonly<Record<PartyKey, Signer>>;

/** Assigns the network's first accounts to the parties. */
export function castFromSigners(signers: readonly Signer[]): Cast {
  if (signers.length < ACCOUNTS_NEEDED) {
    throw new Error(
      `The story needs ${ACCOUNTS_NEEDED} accounts, the network has ${signers.length}`,
    );
  }
  return Object.fromEntries(PARTY_KEYS.map((key, i) => [key, signers[i]])) as Cast;
}

// ------------------------------------------------------------------------------ products

export const CN = countryCode("CN");
export const PK = countryCode("PK");
export const KZ = countryCode("KZ");
export const HK = countryCode("HK");

/** The exporter's catalogue: product ids from public identifiers, as every platform computes them. */
export const PRODUCTS = {
  laptop: {
    id: productIdFromHsCode("8471.30", "BRT-LAPTOP-15"),
    hsCode: "8471.30.00",
    name: '15" laptop (HS 8471.30, SKU BRT-LAPTOP-15)',
  },
  drone: {
    id: productIdFromHsCode("8806.22", "BRT-QUAD-X1"),
    hsCode: "8806.22.00",
    name: "Camera drone (HS 8806.22, SKU BRT-QUAD-X1)",
  },
  tea: {
    id: productIdFromGtin("6901234567892"),
    hsCode: "0902.30.00",
    name: "Oolong tea, 250 g (GTIN 6901234567892)",
  },
  scarf: {
    id: productIdFromHsCode("6214.10", "SILK-SCARF-90"),
    hsCode: "6214.10.00",
    name: "Silk scarf (HS 6214.10, SKU SILK-SCARF-90)",
  },
} as const;

/** A product of the catalogue. */
export type ProductKey = keyof typeof PRODUCTS;

/** What the operator mints before the orders: currency → party → whole units. */
export const OPENING_BALANCES: Readonly<Record<string, Partial<Record<PartyKey, string>>>> = {
  USD: { importer: "20,000" },
  CNY: { consumer: "5,000" },
};
