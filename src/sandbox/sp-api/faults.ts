import type { Faults } from './types.js';

/** A small seeded PRNG (mulberry32): the same seed and call order give the same faults. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NetworkDraw {
  dropBefore: boolean;
  dropAfter: boolean;
}

/** Holds the current fault settings and draws, per call, which faults strike it. */
export class FaultInjector {
  private faults: Faults;
  private readonly random: () => number;

  constructor(faults: Faults, seed: number) {
    this.faults = { ...faults };
    this.random = seededRandom(seed);
  }

  set(faults: Faults): void {
    this.faults = { ...faults };
  }

  get current(): Readonly<Faults> {
    return this.faults;
  }

  /** Two draws every call, whatever the rates, so a seed replays the same way. */
  drawNetwork(): NetworkDraw {
    const before = this.random();
    const after = this.random();
    return {
      dropBefore: before < (this.faults.dropRate ?? 0),
      dropAfter: after < (this.faults.dropAfterRate ?? 0),
    };
  }

  draw5xx(): 500 | 503 | null {
    const strike = this.random();
    const kind = this.random();
    if (strike >= (this.faults.error5xxRate ?? 0)) return null;
    return kind < 0.5 ? 500 : 503;
  }
}
