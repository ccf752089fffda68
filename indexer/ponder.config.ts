/**
 * Which chain and contracts the explorer follows. Everything comes from the environment, which
 * `npm run explorer`, the explorer tests and the benchmark set (see `indexer/settings.ts`):
 *
 * - `TRADECHAIN_RPC_URL`, `TRADECHAIN_CHAIN_ID`: the chain;
 * - `TRADECHAIN_DEPLOYMENT`: an Ignition deployment folder (addresses and the escrow's block), or
 *   `TRADECHAIN_ADDRESSES` (JSON `{escrow, registry, tokens: {USD: 0x…}}`) and
 *   `TRADECHAIN_START_BLOCK`; a deployment with a cross-currency escrow (`Fx#TradeFxEscrow`, or
 *   `fxEscrow` in the JSON) is followed too, with its desk (read from the escrow at start);
 * - `DATABASE_URL` for Postgres, else PGlite in `TRADECHAIN_PGLITE_DIR` (default `.ponder/pglite`).
 */
import { createConfig } from "ponder";

import { TradeEscrowAbi } from "./abis/TradeEscrow";
import { TradeFxDeskAbi } from "./abis/TradeFxDesk";
import { TradeFxEscrowAbi } from "./abis/TradeFxEscrow";
import { TradeRegistryAbi } from "./abis/TradeRegistry";
import { SettlementTokenAbi } from "./abis/SettlementToken";
import { explorerSettings, FX_INDEXED } from "./settings";

const settings = await explorerSettings(process.env);
const { fx } = settings.addresses;
// What the handlers read to register the cross-currency escrow's (`src/fx.ts`): Ponder refuses a
// handler of a contract its config does not name, and runs the config first, in this process.
process.env[FX_INDEXED] = fx === undefined ? "no" : "yes";
/** The cross-currency escrow and its desk, named only when the deployment has them. */
const fxContracts = {
  TradeFxEscrow: {
    chain: "tradechain",
    abi: TradeFxEscrowAbi,
    address: fx?.escrow,
    startBlock: settings.startBlock,
  },
  TradeFxDesk: {
    chain: "tradechain",
    abi: TradeFxDeskAbi,
    address: fx?.desk,
    startBlock: settings.startBlock,
  },
} as const;
/** Postgres connections of one indexer process (Postgres allows 100 by default). */
const POSTGRES_POOL_SIZE = 60;

export default createConfig({
  database:
    settings.databaseUrl !== undefined
      ? {
          kind: "postgres",
          connectionString: settings.databaseUrl,
          // Ponder splits the pool three ways (API reads, handlers, sync): 60 gives the API 19.
          poolConfig: { max: POSTGRES_POOL_SIZE },
        }
      : { kind: "pglite", directory: settings.pgliteDir },
  ordering: "omnichain",
  chains: {
    tradechain: {
      id: settings.chainId,
      rpc: settings.rpcUrls.length === 1 ? settings.rpcUrls[0] : settings.rpcUrls,
      pollingInterval: settings.pollingIntervalMs,
      // A local node's blocks are rewritten on every restart: nothing it says may be cached.
      disableCache: settings.disableCache,
    },
  },
  contracts: {
    TradeEscrow: {
      chain: "tradechain",
      abi: TradeEscrowAbi,
      address: settings.addresses.escrow,
      startBlock: settings.startBlock,
    },
    TradeRegistry: {
      chain: "tradechain",
      abi: TradeRegistryAbi,
      address: settings.addresses.registry,
      startBlock: settings.startBlock,
    },
    SettlementToken: {
      chain: "tradechain",
      abi: SettlementTokenAbi,
      address: settings.addresses.tokens,
      startBlock: settings.startBlock,
    },
    // Typed as always there (the handlers' types), named only when there (see `FX_INDEXED`).
    ...((fx === undefined ? {} : fxContracts) as typeof fxContracts),
  },
});
