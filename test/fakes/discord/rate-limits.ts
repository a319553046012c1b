/** A rate limit the fake enforces on matching requests, for tests of how the client waits. */
export interface RateLimitRule {
  readonly method: string;
  /** Matched against the route after /api/v10, e.g. /^\/channels\/\d+\/messages$/. */
  readonly path: RegExp;
  /** How many requests get a 429 before the limit lets one through again. */
  readonly times: number;
  /** How long the client must wait after a 429, in ms. */
  readonly retryAfterMs: number;
  /** The global limit rather than the route's. */
  readonly global?: boolean;
}

/** A 429 the fake answered, or a request it refused because it came before the announced reset. */
export interface RateLimitHit {
  readonly method: string;
  readonly path: string;
  /** True when the client came back before the reset the previous 429 told it (a client that does not wait). */
  readonly early: boolean;
}

/**
 * Configured rate limits. A matching request gets 429 with Discord's headers and body; the route then stays
 * limited until the announced reset, and a request inside that window is refused again and counted as
 * early, so a test can prove the client waited rather than retried at once.
 */
export class RateLimits {
  readonly hits: RateLimitHit[] = [];
  readonly #rules: Array<{ rule: RateLimitRule; left: number; resetAt: number }> = [];

  add(rule: RateLimitRule): void {
    this.#rules.push({ rule, left: rule.times, resetAt: 0 });
  }

  /** The 429 to answer `method path` with, or undefined to let it through. */
  check(method: string, path: string): { retryAfterMs: number; global: boolean; bucket: string } | undefined {
    const now = Date.now();
    for (const entry of this.#rules) {
      const { rule } = entry;
      if (rule.method !== method || !rule.path.test(path)) continue;
      const early = now < entry.resetAt;
      if (!early && entry.left === 0) continue;
      if (!early) entry.left--;
      entry.resetAt = Math.max(entry.resetAt, now + rule.retryAfterMs);
      this.hits.push({ method, path, early });
      return { retryAfterMs: entry.resetAt - now, global: rule.global ?? false, bucket: bucketOf(method, rule.path.source) };
    }
    return undefined;
  }
}

/** An opaque bucket id per route, like Discord's X-RateLimit-Bucket. */
export function bucketOf(method: string, route: string): string {
  let hash = 0;
  for (const char of `${method} ${route}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash.toString(16).padStart(8, '0') + 'f4k3';
}
