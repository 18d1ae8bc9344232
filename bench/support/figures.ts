// Small numeric helpers shared by the bench sections: a seeded generator (every run measures the same
// data), the nearest-rank percentile and rounding for the printed figures.

/** A small deterministic generator (xorshift32), so every run builds the same data. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Nearest-rank percentile (`p` in 0..1) of the values. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
export const round2 = (x: number) => Math.round(x * 100) / 100;
