import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/amazon/clock.js';
import { RateLimiter } from '../../src/amazon/rate-limiter.js';
import { backoffDelay, retry, type AttemptOutcome } from '../../src/amazon/retry.js';

/** A clock whose sleep advances time instantly, recording each sleep. */
function fakeClock(): Clock & { sleeps: number[]; time: number } {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

async function acquireTimes(limiter: RateLimiter, clock: { time: number }, count: number) {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    await limiter.acquire();
    times.push(clock.time);
  }
  return times;
}

describe('RateLimiter', () => {
  it('lets the burst through at once, then paces at the rate', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ rate: 5, burst: 5, clock });
    const times = await acquireTimes(limiter, clock, 10);
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // 3% under the rate: Amazon's bucket must never see us early.
    expect(times.slice(5).map((t) => Math.round(t))).toEqual([206, 412, 619, 825, 1031]);
  });

  it('sustains the announced rate over a long run (no slower, no faster)', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ rate: 5, burst: 5, clock });
    limiter.updateRate(50);
    const times = await acquireTimes(limiter, clock, 505);
    const elapsedSeconds = (times.at(-1) as number) / 1000;
    expect(500 / elapsedSeconds).toBeGreaterThan(0.96 * 50);
    expect(500 / elapsedSeconds).toBeLessThan(50);
  });

  it('empties its bucket after a 429, as Amazon has', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ rate: 2, burst: 10, clock });
    limiter.onThrottled();
    await limiter.acquire();
    expect(Math.round(clock.time)).toBe(515);
  });

  it('ignores a missing or nonsensical announced rate', () => {
    const limiter = new RateLimiter({ rate: 5, burst: 5, clock: fakeClock() });
    limiter.updateRate(null);
    limiter.updateRate(0);
    limiter.updateRate(Number.NaN);
    expect(limiter.currentRate).toBe(5);
  });
});

describe('retry', () => {
  const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 300 };

  it('caps the jittered backoff', () => {
    expect(backoffDelay(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 1, () => 0.5)).toBe(100);
    expect(backoffDelay(policy, 5, () => 0.999)).toBe(299);
    expect(backoffDelay(policy, 5, () => 0)).toBe(0);
  });

  it('stops at the first success and sleeps between attempts only', async () => {
    const clock = fakeClock();
    const outcomes: AttemptOutcome<string>[] = [
      { done: false, reason: 'HTTP 503' },
      { done: false, reason: 'HTTP 429' },
      { done: true, value: 'ok' },
    ];
    const result = await retry((n) => Promise.resolve(outcomes[n] as AttemptOutcome<string>), {
      policy,
      clock,
      random: () => 0.5,
    });
    expect(result).toEqual({ done: true, value: 'ok' });
    expect(clock.sleeps).toEqual([50, 100]);
  });

  it('gives up after the last attempt with the last reason', async () => {
    let calls = 0;
    const result = await retry(
      (n) => {
        calls += 1;
        return Promise.resolve({ done: false as const, reason: `failure ${n}` });
      },
      { policy, clock: fakeClock(), random: () => 0 },
    );
    expect(calls).toBe(4);
    expect(result).toEqual({ done: false, reason: 'failure 3' });
  });
});
