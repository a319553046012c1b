/**
 * A token bucket: `burst` tokens at rest, one more every `1000 / rate` ms, one spent per line. It keeps the
 * bot under a server's flood limit (a burst, then a steady rate) instead of relying on the server to throttle
 * it, which on most networks means "Excess Flood" and a disconnect.
 */
export class TokenBucket {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  #tokens: number;
  #last: number;

  /** `rate` tokens per second, at most `burst` saved; `now` in ms (a test clock may replace it). */
  constructor(rate: number, burst: number, now: () => number = () => performance.now()) {
    if (!(rate > 0) || !(burst >= 1)) throw new RangeError(`TokenBucket: rate must be > 0 and burst >= 1 (got ${rate}, ${burst})`);
    this.#rate = rate;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /** Milliseconds until a token is available; 0 when one is available now. */
  delay(): number {
    this.#refill();
    return this.#tokens >= 1 ? 0 : Math.ceil(((1 - this.#tokens) * 1000) / this.#rate);
  }

  /** Spend a token if one is available; false otherwise. */
  take(): boolean {
    this.#refill();
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  #refill(): void {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) * this.#rate) / 1000);
    this.#last = now;
  }
}
