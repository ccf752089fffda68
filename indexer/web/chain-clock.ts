/**
 * The chain's clock, as the page knows it: deadlines are the chain's, and a dev chain that
 * travelled in time runs days ahead of the reader's clock. Each time the explorer reports a block
 * time it has not reported before, the clock is set to it; between blocks it runs at the reader's
 * pace. (Before any report it is the reader's clock.)
 */
let offsetMs = 0;
let lastSeen: number | undefined;

/** Records the time of the latest indexed block (unix seconds), from `/api/status` or a read. */
export function observeChainTime(seconds: unknown): void {
  const value = Number(seconds);
  if (!Number.isFinite(value) || value <= 0 || value === lastSeen) return;
  lastSeen = value;
  offsetMs = value * 1000 - Date.now();
}

/** The chain's time now (unix seconds), estimated from the latest block seen. */
export function chainNow(): number {
  return Math.floor((Date.now() + offsetMs) / 1000);
}
