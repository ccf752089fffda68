/**
 * Signed webhooks, the way payment platforms send them: the explorer POSTs each event with a
 * header `TradeChain-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`, the HMAC taken with the
 * endpoint's secret over `<t>.<raw body>`. `signWebhook` makes the header (the explorer's
 * dispatcher uses it), `verifyWebhook` checks one (a platform's receiver): a known scheme, a
 * timestamp within the tolerance of now (a captured delivery cannot be replayed later), and at
 * least one `v1` signature matching (a sender rotating its secret signs with the old and the new
 * one; a receiver rotating passes both secrets).
 *
 * Both use WebCrypto (`globalThis.crypto.subtle`), in Node 20+ and browsers alike; the comparison
 * is WebCrypto's `verify`, which takes the same time whatever the bytes that differ.
 */
import { clientError } from "./failure.js";

/** The name of the header that carries the signature. */
export const WEBHOOK_SIGNATURE_HEADER = "TradeChain-Signature";
/** Default seconds a signature stays acceptable either side of the receiver's clock. */
export const DEFAULT_WEBHOOK_TOLERANCE = 300;
/** The signature scheme this SDK signs and verifies: HMAC-SHA256, hex. */
const SCHEME = "v1";
/** An HMAC-SHA256 in hex. */
const SIGNATURE_HEX = /^[0-9a-f]{64}$/;

/** A secret, or several during a rotation; text is taken as its UTF-8 bytes. */
export type WebhookSecret = string | Uint8Array | readonly (string | Uint8Array)[];

/** What `verifyWebhook` returns for a delivery it accepts. */
export interface VerifiedWebhook {
  /** The signing time from the header, unix seconds. */
  readonly timestamp: number;
  /** The body that was signed, as text (parse it as JSON). */
  readonly body: string;
}

const encoder = new TextEncoder();

/** Bytes backed by a plain ArrayBuffer (what WebCrypto takes), copied when given as bytes. */
function bytesOf(value: string | Uint8Array): Uint8Array<ArrayBuffer> {
  return typeof value === "string" ? encoder.encode(value) : Uint8Array.from(value);
}

function secretsOf(secret: WebhookSecret): Uint8Array<ArrayBuffer>[] {
  const secrets = (Array.isArray(secret) ? secret : [secret]) as (string | Uint8Array)[];
  if (secrets.length === 0 || secrets.some((s) => bytesOf(s).length === 0)) {
    throw clientError("INVALID_ARGUMENT", "EmptySecret", "A webhook secret must not be empty");
  }
  return secrets.map(bytesOf);
}

function hmacKey(secret: Uint8Array<ArrayBuffer>) {
  return crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

/** The bytes that are signed: `<t>.` then the body's bytes, unchanged. */
function signedPayload(timestamp: number, body: string | Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = bytesOf(body);
  const payload = new Uint8Array(prefix.length + bytes.length);
  payload.set(prefix);
  payload.set(bytes, prefix.length);
  return payload;
}

function toHex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/** Whole unix seconds, as the header carries them. */
function checkTimestamp(timestamp: number): number {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidTimestamp",
      `A webhook timestamp is whole unix seconds, got ${timestamp}`,
    );
  }
  return timestamp;
}

/**
 * The `TradeChain-Signature` header value for `body` (the exact bytes that will be sent) signed
 * at `timestamp` (unix seconds, default now) with `secret`, or one `v1` per secret while
 * rotating: `t=1767225600,v1=5f0c…`.
 */
export async function signWebhook(
  body: string | Uint8Array,
  secret: WebhookSecret,
  timestamp: number = Math.floor(Date.now() / 1000),
): Promise<string> {
  const payload = signedPayload(checkTimestamp(timestamp), body);
  const signatures = await Promise.all(
    secretsOf(secret).map(async (key) =>
      toHex(await crypto.subtle.sign("HMAC", await hmacKey(key), payload)),
    ),
  );
  return [`t=${timestamp}`, ...signatures.map((s) => `${SCHEME}=${s}`)].join(",");
}

/** The timestamp and `v1` signatures of a header; other schemes are ignored. */
function parseHeader(header: string): {
  timestamp: number;
  signatures: Uint8Array<ArrayBuffer>[];
} {
  const malformed = (why: string) =>
    clientError(
      "WEBHOOK_MALFORMED",
      "MalformedSignatureHeader",
      `${WEBHOOK_SIGNATURE_HEADER} ${why}; expected t=<unix seconds>,v1=<hex HMAC-SHA256>`,
      { header },
    );
  let timestamp: number | undefined;
  const signatures: Uint8Array<ArrayBuffer>[] = [];
  for (const part of header.split(",")) {
    const at = part.indexOf("=");
    if (at < 0) throw malformed(`has "${part.trim()}", which is not key=value`);
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === "t") {
      if (timestamp !== undefined) throw malformed("has two timestamps");
      if (!/^\d{1,15}$/.test(value)) throw malformed(`has the timestamp "${value}"`);
      timestamp = Number(value);
    } else if (key === SCHEME) {
      if (!SIGNATURE_HEX.test(value)) throw malformed(`has the v1 signature "${value}"`);
      signatures.push(fromHex(value));
    }
  }
  if (timestamp === undefined) throw malformed("has no timestamp (t=)");
  if (signatures.length === 0) throw malformed("has no v1 signature");
  return { timestamp, signatures };
}

/**
 * Checks a webhook delivery: `body` exactly as received (the raw bytes or text, before any JSON
 * parsing), the `TradeChain-Signature` header, the endpoint's `secret` (or secrets while
 * rotating), and how many seconds the signing time may differ from `now` (unix seconds, default
 * the clock). Returns the timestamp and body when a `v1` signature matches.
 * @throws TradeChainError `WEBHOOK_MALFORMED` (not `t=…,v1=…`), `WEBHOOK_STALE` (outside the
 * tolerance: a replay or a skewed clock) or `WEBHOOK_SIGNATURE` (no signature matches).
 */
export async function verifyWebhook(
  body: string | Uint8Array,
  header: string | null | undefined,
  secret: WebhookSecret,
  toleranceSeconds: number = DEFAULT_WEBHOOK_TOLERANCE,
  now: number = Math.floor(Date.now() / 1000),
): Promise<VerifiedWebhook> {
  if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) {
    throw clientError(
      "INVALID_ARGUMENT",
      "InvalidTolerance",
      `The tolerance is seconds, zero or more, got ${toleranceSeconds}`,
    );
  }
  const keys = secretsOf(secret);
  if (header === null || header === undefined || header.trim() === "") {
    throw clientError(
      "WEBHOOK_MALFORMED",
      "MissingSignatureHeader",
      `No ${WEBHOOK_SIGNATURE_HEADER} header: the request was not signed by TradeChain`,
    );
  }
  const { timestamp, signatures } = parseHeader(header);
  const skew = Math.abs(now - timestamp);
  if (skew > toleranceSeconds) {
    throw clientError(
      "WEBHOOK_STALE",
      "StaleSignature",
      `The webhook was signed at ${timestamp}, ${skew} s ${timestamp < now ? "before" : "after"} ` +
        `now (${now}); the tolerance is ${toleranceSeconds} s`,
      { timestamp, now, toleranceSeconds },
    );
  }
  const payload = signedPayload(timestamp, body);
  for (const key of keys) {
    const hmac = await hmacKey(key);
    for (const signature of signatures) {
      if (await crypto.subtle.verify("HMAC", hmac, signature, payload)) {
        return {
          timestamp,
          body: typeof body === "string" ? body : new TextDecoder().decode(body),
        };
      }
    }
  }
  throw clientError(
    "WEBHOOK_SIGNATURE",
    "SignatureMismatch",
    `No v1 signature of the ${WEBHOOK_SIGNATURE_HEADER} header matches the body under the ` +
      "secret (a wrong secret, or a body changed after signing, e.g. parsed and re-serialised)",
    { timestamp },
  );
}
