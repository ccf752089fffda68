/** The registry facet of a client: participants, customs authorities, products and listings. */
import { type ContractTransaction, type ContractTransactionReceipt, ZeroAddress } from "ethers";

import { parseAddress } from "../address.js";
import { clientError } from "../failure.js";
import {
  type Classification,
  CLEARANCE_SOURCES,
  type ClearanceDecision,
  LISTING_STATUSES,
  type ListingPage,
  type ListingStatusName,
  type ListingView,
  ParticipantRole,
  type ParticipantView,
  type ProductView,
  type TariffListingInput,
  type TariffListingPage,
  type TariffListingView,
} from "../types.js";
import { formatTariffCode, hsCodeNumber, parseTariffCode, TARIFF_LEVELS } from "../ids.js";
import { toBytes32 } from "../encoding.js";
import type { Sender } from "../sender.js";

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
    const checked = parseAddress(account, "account");
    const p = await this.#sender.registry.participantOf(checked);
    const roles = Number(p.roles);
    return {
      account: checked,
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
    return this.#sender.registry.isActive(parseAddress(account, "account"), roleMask(roles));
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
        parseAddress(account, "account"),
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
      registry.setCustomsAuthority.populateTransaction(
        jurisdiction,
        parseAddress(authority, "authority"),
        enabled,
      ),
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

  /** A product's record, HS code included. */
  async productOf(productId: string): Promise<ProductView> {
    const p = await this.#sender.registry.productOf(productId);
    const hsCode = Number(p.hsCode);
    return {
      productId,
      registered: p.owner !== ZeroAddress,
      owner: p.owner,
      registeredAt: p.registeredAt,
      metadataHash: p.metadataHash,
      metadataVersion: Number(p.metadataVersion),
      hsCode,
      hsCodeText: hsCode === 0 ? "" : formatTariffCode(hsCode),
      hsCodeVersion: Number(p.hsCodeVersion),
      complaintCount: p.complaintCount,
    };
  }

  /** Product owner: re-classifies a product under another 8-digit HS code. */
  reclassifyProduct(
    productId: string,
    hsCode: string | number,
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const code = hsCodeNumber(hsCode);
    return this.#send(() => registry.reclassifyProduct.populateTransaction(productId, code));
  }

  /**
   * Customs of `jurisdiction`: binds the product's classification there to `hsCode` (8 digits),
   * which then decides its clearance in that country whatever code the owner declares; `0` lifts
   * the binding (the declared code applies again). Accepting a re-classification the registry
   * held there (`ClassificationHeld`) is binding the declared code.
   */
  bindClassification(
    jurisdiction: number,
    productId: string,
    hsCode: string | number,
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const code = hsCode === 0 || hsCode === "0" ? 0 : hsCodeNumber(hsCode);
    return this.#send(() =>
      registry.bindClassification.populateTransaction(jurisdiction, productId, code),
    );
  }

  /**
   * The HS code in force for a product in `jurisdiction`: the customs' binding (or a code the
   * registry held there at a re-classification) when `bound`, else the owner's declared code.
   */
  async classificationOf(jurisdiction: number, productId: string): Promise<Classification> {
    const [code, bound] = await this.#sender.registry.classificationOf(jurisdiction, productId);
    const hsCode = Number(code);
    return { hsCode, hsCodeText: hsCode === 0 ? "" : formatTariffCode(hsCode), bound };
  }

  /**
   * Complaints about a product as sold by `seller` (`productOf(...).complaintCount` counts only
   * the owner's; other sellers' orders count here, apart).
   */
  complaintsOf(productId: string, seller: string): Promise<bigint> {
    return this.#sender.registry.complaintsOf(productId, parseAddress(seller, "seller"));
  }

  /**
   * Customs of `jurisdiction`: lists an HS prefix ("88", "8806", "8806.22", "8806.22.00") for
   * every registered product whose code starts with it.
   */
  setTariffListing(
    jurisdiction: number,
    tariffCode: string,
    status: ListingStatusName,
    options: { readonly expiresAt?: bigint; readonly reason?: string } = {},
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const { digits, code } = parseTariffCode(tariffCode);
    return this.#send(() =>
      registry.setTariffCodeListing.populateTransaction(
        jurisdiction,
        digits,
        code,
        statusIndex(status),
        options.expiresAt ?? 0n,
        toBytes32(options.reason),
      ),
    );
  }

  /** Customs of `jurisdiction`: sets many HS prefix entries in one transaction, all or none. */
  setTariffListings(
    jurisdiction: number,
    entries: readonly TariffListingInput[],
  ): Promise<ContractTransactionReceipt> {
    const { registry } = this.#sender;
    const parsed = entries.map((entry) => parseTariffCode(entry.tariffCode));
    return this.#send(() =>
      registry.setTariffCodeListingBatch.populateTransaction(
        jurisdiction,
        parsed.map((p) => p.digits),
        parsed.map((p) => p.code),
        entries.map((entry) => statusIndex(entry.status)),
        entries.map((entry) => entry.expiresAt ?? 0n),
        entries.map((entry) => toBytes32(entry.reason)),
      ),
    );
  }

  /** The stored entry of an HS prefix (ignoring expiry). */
  async tariffListingOf(jurisdiction: number, tariffCode: string): Promise<TariffListingView> {
    const { digits, code } = parseTariffCode(tariffCode);
    const l = await this.#sender.registry.tariffCodeListingOf(jurisdiction, digits, code);
    return {
      digits,
      code,
      tariffCode: formatTariffCode(code, digits),
      status: listingStatus(l.status),
      expiresAt: l.expiresAt,
      version: Number(l.version),
      updatedBy: l.updatedBy,
      updatedAt: l.updatedAt,
    };
  }

  /** A page of one level (2, 4, 6 or 8 digits) of a jurisdiction's positive or negative tariff list. */
  async listedTariffCodes(
    jurisdiction: number,
    digits: number,
    status: "Positive" | "Negative",
    page: { readonly offset?: number; readonly limit?: number } = {},
  ): Promise<TariffListingPage> {
    if (!TARIFF_LEVELS.includes(digits)) {
      throw clientError(
        "INVALID_ARGUMENT",
        "InvalidTariffLevel",
        `A tariff level is ${TARIFF_LEVELS.join(", ")} digits, not ${digits}`,
        { digits },
      );
    }
    const { registry } = this.#sender;
    const offset = page.offset ?? 0;
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const [codes, total] = await Promise.all([
      registry.listedTariffCodePage(jurisdiction, digits, statusIndex(status), offset, limit),
      registry.listedTariffCodeCount(jurisdiction, digits, statusIndex(status)),
    ]);
    const next = offset + codes.length;
    return {
      jurisdiction,
      digits,
      status,
      tariffCodes: codes.map((code) => formatTariffCode(code, digits)),
      offset,
      total: Number(total),
      nextOffset: next < Number(total) && codes.length > 0 ? next : undefined,
    };
  }

  /** The clearance of a product at a destination and the entry that decided it. */
  async clearanceDecisionOf(jurisdiction: number, productId: string): Promise<ClearanceDecision> {
    const [status, source, digits, code] = await this.#sender.registry.clearanceDecisionOf(
      jurisdiction,
      productId,
    );
    const sourceName = CLEARANCE_SOURCES[Number(source)] ?? "None";
    return {
      status: listingStatus(status),
      source: sourceName,
      digits: Number(digits),
      code: Number(code),
      tariffCode: sourceName === "Tariff" ? formatTariffCode(code, Number(digits)) : undefined,
    };
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
        statusIndex(status),
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
    const index = statusIndex(status);
    const [productIds, total] = await Promise.all([
      registry.listedProducts(jurisdiction, index, offset, limit),
      registry.listedCount(jurisdiction, index),
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
    return this.#sender.registry.isCustomsAuthority(jurisdiction, parseAddress(account, "account"));
  }
}

function roleNames(mask: number): (keyof typeof ParticipantRole)[] {
  return (Object.keys(ParticipantRole) as (keyof typeof ParticipantRole)[]).filter(
    (name) => (mask & ParticipantRole[name]) !== 0,
  );
}

function roleMask(roles: RolesInput): number {
  if (typeof roles === "number") return roles;
  return roles.reduce((mask, name) => {
    if (!Object.hasOwn(ParticipantRole, name)) {
      throw clientError(
        "INVALID_ARGUMENT",
        "InvalidRole",
        `Unknown role "${String(name)}"; roles are ${Object.keys(ParticipantRole).join(", ")}`,
        { role: String(name) },
      );
    }
    return mask | ParticipantRole[name];
  }, 0);
}

function statusIndex(status: ListingStatusName): number {
  const index = LISTING_STATUSES.indexOf(status);
  if (index < 0) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidListingStatus",
      `Listing status must be ${LISTING_STATUSES.join(", ")}, got "${status}"`,
      { status },
    );
  }
  return index;
}

function listingStatus(value: bigint): ListingStatusName {
  return LISTING_STATUSES[Number(value)] ?? "Unlisted";
}
