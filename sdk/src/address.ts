/**
 * Addresses from what callers and people pass: checked once, where they enter the SDK, so a
 * mistyped address is a `TradeChainError` with code `INVALID_ADDRESS` that names the argument,
 * never an ethers `TypeError` from deep inside a call (or an ENS lookup the chain cannot do).
 */
import { getAddress, isHexString } from "ethers";

import { clientError } from "./failure.js";

/**
 * The checksummed (EIP-55) form of `value`, an address written in lower case, upper case or with
 * a correct mixed-case checksum. `what` names the argument in the error, e.g. `"seller"`.
 * @throws TradeChainError `INVALID_ADDRESS`: `InvalidAddress` when `value` is not 0x and 40 hex
 * digits, `BadChecksum` when its mixed-case letters are not the address's checksum (a mistyped
 * copy: one wrong hex digit changes the checksum of every letter).
 */
export function parseAddress(value: unknown, what = "address"): string {
  const text = typeof value === "string" ? value.trim() : value;
  if (typeof text !== "string" || !isHexString(text, 20)) {
    throw clientError(
      "INVALID_ADDRESS",
      "InvalidAddress",
      `${what}: "${String(value)}" is not an address (0x and 40 hex digits)`,
      { [what]: String(value) },
    );
  }
  const lower = text.slice(2) === text.slice(2).toLowerCase();
  const upper = text.slice(2) === text.slice(2).toUpperCase();
  const address = getAddress(text.toLowerCase());
  if (!lower && !upper && address !== text) {
    throw clientError(
      "INVALID_ADDRESS",
      "BadChecksum",
      `${what}: ${text} has a bad checksum (EIP-55)`,
      { [what]: text },
    );
  }
  return address;
}
