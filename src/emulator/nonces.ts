/**
 * The SignatureNonces the emulator has accepted. A request is accepted while its timestamp is
 * within `skewMs` of now, so each nonce is kept until its own timestamp plus the skew: kept from
 * its arrival instead, a request dated in the future would be accepted again once it was forgotten.
 */
export class NonceBook {
  /** Each nonce, and when its request stops being acceptable anyway (epoch ms). */
  private readonly until = new Map<string, number>();

  constructor(private readonly skewMs: number) {}

  /** Records the nonce of a request dated `timestamp`; false when it was seen before. */
  remember(nonce: string, timestamp: number, now: number): boolean {
    if (this.until.has(nonce)) return false;
    this.until.set(nonce, timestamp + this.skewMs);
    // Forgetting is done now and then, over every nonce, so it costs each request next to nothing.
    if (this.until.size % 10_000 === 0) this.forget(now);
    return true;
  }

  /** Forgets the nonces whose requests can no longer be accepted at `now`. */
  forget(now: number): void {
    for (const [nonce, until] of this.until) if (until < now) this.until.delete(nonce);
  }

  get size(): number {
    return this.until.size;
  }

  clear(): void {
    this.until.clear();
  }
}
