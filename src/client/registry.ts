/** The registry facet of a client: participants, customs authorities, products and listings. */
import { type ContractTransaction, type ContractTransactionReceipt, getAddress } from "ethers";

import {
  LISTING_STATUSES,
  type ListingPage,
  type ListingStatusName,
  type ListingView,
  ParticipantRole,
  type ParticipantView,
} from "../types.js";
import { hsCodeNumber } from "../ids.js";
import { toBytes32 } from "./encoding.js";
import type { Sender } from "./sender.js";

/** Default page size of list reads. */
export const DEFAULT_PAGE_SIZE = 100;

/** Roles as a mask or as role names. */
export type RolesInput = number | readonly (keyof typeof ParticipantRole)[];

/** `TradeRegistry` calls of a client. */
export class RegistryFacet {
  readonly #sender: Sender;

  constructor(sender: Sender) {
    this.#sender = sender;
  }

  #send(build: () => Promise<ContractTransaction>): Promise<ContractTransactionReceipt> {
    return this.#sender.transact(build, { iface: this.#sender.registry.interface });
  }

  /** A participant's record (`active` false and roles 0 when unknown). */
  async participantOf(account: string): Promise<ParticipantView> {
    const p = await this.#sender.registry.participantOf(account);
    const roles = Number(p.roles);
    return {
      account: getAddress(account),
      roles,
      roleNames: roleNames(roles),
      jurisdiction: Number(p.jurisdiction),
      active: p.active,
      registeredAt: p.registeredAt,
      version: Number(p.version),
      identityHash: p.identityHash,
    };
  }

  /** True when `account` is active and holds all `roles` (a mask or role names). */
  isActive(account: string, roles: RolesInput = 0): Promise<boolean> {
    return this.#sender.registry.isActive(account, roleMask(roles));
  }

  /** Registrar: onboards a participant; `identity` is a bytes32 or text that is hashed. */
  registerParticipant(
    account: string,
    roles: RolesInput,
    jurisdiction: number,
    identity: string,
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    return this.#send(() =>
      registry.registerParticipant.populateTransaction(
        account,
        roleMask(roles),
        jurisdiction,
        toBytes32(identity),
      ),
    );
  }

  /** Registry admin: appoints or removes a customs authority of `jurisdiction`. */
  setCustomsAuthority(
    jurisdiction: number,
    authority: string,
    enabled = true,
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    return this.#send(() =>
      registry.setCustomsAuthority.populateTransaction(jurisdiction, authority, enabled),
    );
  }

  /** Active seller: registers a product under its 8-digit HS code; `metadata` is hashed text or a bytes32. */
  registerProduct(
    productId: string,
    hsCode: string | number,
    metadata: string,
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const code = hsCodeNumber(hsCode);
    return this.#send(() =>
      registry.registerProduct.populateTransaction(productId, code, toBytes32(metadata)),
    );
  }

  /** Customs of `jurisdiction`: sets a product's listing. */
  setListing(
    jurisdiction: number,
    productId: string,
    status: ListingStatusName,
    options: { readonly expiresAt?: bigint; readonly reason?: string } = {},
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    return this.#send(() =>
      registry.setListing.populateTransaction(
        jurisdiction,
        productId,
        LISTING_STATUSES.indexOf(status),
        options.expiresAt ?? 0n,
        toBytes32(options.reason),
      ),
    );
  }

  /** The effective clearance of a product at a destination (expired entries count as Unlisted). */
  async clearanceOf(jurisdiction: number, productId: string): Promise<ListingStatusName> {
    return listingStatus(await this.#sender.registry.clearanceOf(jurisdiction, productId));
  }

  /** The stored list entry of a product (ignoring expiry). */
  async listingOf(jurisdiction: number, productId: string): Promise<ListingView> {
    const l = await this.#sender.registry.listingOf(jurisdiction, productId);
    return {
      status: listingStatus(l.status),
      expiresAt: l.expiresAt,
      version: Number(l.version),
      updatedBy: l.updatedBy,
      updatedAt: l.updatedAt,
    };
  }

  /** A page of a jurisdiction's positive or negative list. */
  async listedProducts(
    jurisdiction: number,
    status: "Positive" | "Negative",
    page: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<ListingPage> {
    const { registry } = this.#sender;
    const offset = page.offset ?? 0;
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const statusIndex = LISTING_STATUSES.indexOf(status);
    const [productIds, total] = await Promise.all([
      registry.listedProducts(jurisdiction, statusIndex, offset, limit),
      registry.listedCount(jurisdiction, statusIndex),
    ]);
    const next = offset + productIds.length;
    return {
      jurisdiction,
      status,
      productIds: [...productIds],
      offset,
      total: Number(total),
      nextOffset: next < Number(total) && productIds.length > 0 ? next : undefined,
    };
  }

  /** Every product id of a jurisdiction's positive or negative list, page by page. */
  async allListedProducts(
    jurisdiction: number,
    status: "Positive" | "Negative",
  ): Promise<string[]> {
    const ids: string[] = [];
    let offset: number | undefined = 0;
    while (offset !== undefined) {
      const page: ListingPage = await this.listedProducts(jurisdiction, status, { offset });
      ids.push(...page.productIds);
      offset = page.nextOffset;
    }
    return ids;
  }

  /** True while `jurisdiction` has a customs authority (shipments there wait for clearance). */
  customsRequired(jurisdiction: number): Promise<boolean> {
    return this.#sender.registry.customsRequired(jurisdiction);
  }

  /** True when `account` is a customs authority of `jurisdiction`. */
  isCustomsAuthority(jurisdiction: number, account: string): Promise<boolean> {
    return this.#sender.registry.isCustomsAuthority(jurisdiction, account);
  }
}

function roleNames(mask: number): (keyof typeof ParticipantRole)[] {
  return (Object.keys(ParticipantRole) as (keyof typeof ParticipantRole)[]).filter(
    (name) => (mask & ParticipantRole[name]) !== 0,
  );
}

function roleMask(roles: RolesInput): number {
  return typeof roles === "number"
    ? roles
    : roles.reduce((mask, name) => mask | ParticipantRole[name], 0);
}

function listingStatus(value: bigint): ListingStatusName {
  return LISTING_STATUSES[Number(value)] ?? "Unlisted";
}
