/** Small statistics for benchmark samples. */

/** The value at quantile `q` (0..1) of `samples`, by nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export interface Summary { n: number; median: number; p95: number; min: number; max: number }

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    median: quantile(samples, 0.5),
    p95: quantile(samples, 0.95),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}

/** `1234.5` -> `1.23 ms`-style formatting with a fixed number of significant decimals. */
export function ms(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/**
 * The lines of an interleaved comparison of builds: each build's median of every measure and, from the second build
 * on, the paired median (same round) of its value minus the first build's.
 */
export function pairedLines<R extends Record<K, number>, K extends string>(
  dists: readonly string[], results: readonly (readonly R[])[], measures: readonly { key: K; label: string }[],
): string[] {
  const median = (values: number[]) => quantile(values, 0.5);
  const width = Math.max(...measures.map((m) => m.label.length));
  const lines: string[] = [];
  for (const [i, dist] of dists.entries()) {
    const rows = results[i] ?? [];
    lines.push(dist);
    for (const { key, label } of measures) {
      let line = `  ${label.padEnd(width)} ${median(rows.map((r) => r[key])).toFixed(1).padStart(7)} ms`;
      if (i > 0) {
        const base = results[0] ?? [];
        const diff = median(rows.map((r, n) => r[key] - (base[n]?.[key] ?? r[key])));
        line += `   paired median vs ${dists[0]}: ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} ms`;
      }
      lines.push(line);
    }
  }
  return lines;
}
