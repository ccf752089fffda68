/** The page's reads of the explorer's JSON API (same origin). */
import type { Json } from "./dom";

/** A refusal of the API: its status, its stable code and its (English) message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export async function api(path: string): Promise<Json> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const text = await response.text();
  let body: Json;
  try {
    body = JSON.parse(text) as Json;
  } catch {
    throw new ApiError(response.status, undefined, text.trim() || response.statusText);
  }
  if (!response.ok) {
    const code = typeof body.code === "string" ? body.code : undefined;
    throw new ApiError(response.status, code, String(body.error ?? response.statusText));
  }
  return body;
}
