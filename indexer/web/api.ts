/** The page's reads of the explorer's JSON API (same origin). */
import type { Json } from "./dom";

/** A refusal of the API: its status and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api(path: string): Promise<Json> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = (await response.json()) as Json;
  if (!response.ok) throw new ApiError(response.status, String(body.error ?? response.statusText));
  return body;
}
