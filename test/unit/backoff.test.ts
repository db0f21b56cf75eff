import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/transports/backoff.js';

describe('Backoff (exponential, full jitter)', () => {
  it('doubles the ceiling per attempt and never exceeds the 30 s cap', () => {
    const backoff = new Backoff({ random: () => 0.999999 });
    const delays = Array.from({ length: 12 }, () => backoff.next());
    expect(delays.slice(0, 5)).toEqual([999, 1999, 3999, 7999, 15999]);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(30_000);
    expect(delays.at(-1)).toBeGreaterThan(29_000);
  });

  it('jitters uniformly below the ceiling, with a small floor so a run of failures never spins', () => {
    const values = [0, 0.5, 0.25];
    const backoff = new Backoff({ random: () => values.shift() ?? 0 });
    expect(backoff.next()).toBe(100); // 0 × 1000, raised to the floor
    expect(backoff.next()).toBe(1000); // 0.5 × 2000
    expect(backoff.next()).toBe(1000); // 0.25 × 4000
  });

  it('stays within bounds for any random value, even after very many attempts', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const backoff = new Backoff({ random });
    for (let i = 0; i < 2000; i++) {
      const ceiling = backoff.ceiling();
      const delay = backoff.next();
      expect(delay).toBeGreaterThanOrEqual(100);
      expect(delay).toBeLessThanOrEqual(ceiling);
      expect(Number.isFinite(delay)).toBe(true);
    }
  });

  it('starts again from the base after reset (a successful connection)', () => {
    const backoff = new Backoff({ random: () => 0.5 });
    backoff.next();
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(500);
  });
});
