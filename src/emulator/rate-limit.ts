/**
 * Per-user rate limits as the API enforces them: a token bucket per action and AccessKeyId that holds
 * one second's worth of calls and refills continuously.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly limits: () => Readonly<Record<string, number>>) {}

  /** True when the call may go ahead (and takes its token). */
  take(action: string, accessKeyId: string, now: number): boolean {
    const perSecond = this.limits()[action];
    if (!perSecond) return true;
    const key = `${action}|${accessKeyId}`;
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, at: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
