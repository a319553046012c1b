/** Discord's epoch: the first second of 2015, in ms since 1970. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Makes Discord ids: 64-bit snowflakes (ms since Discord's epoch, then worker, process and increment bits),
 * written as decimal strings as the API does. Increasing, so ids sort by creation like real ones.
 */
export class Snowflakes {
  #increment = 0n;
  #last = 0n;

  next(): string {
    let now = BigInt(Date.now()) - DISCORD_EPOCH;
    if (now <= this.#last) now = this.#last;
    if (now !== this.#last) this.#increment = 0n;
    this.#last = now;
    const id = (now << 22n) | (1n << 17n) | (1n << 12n) | (this.#increment++ & 0xfffn);
    if (this.#increment > 0xfffn) {
      this.#last += 1n;
      this.#increment = 0n;
    }
    return id.toString();
  }
}

/** The ISO time a snowflake was made. */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}
