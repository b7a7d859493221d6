/** Small statistics helpers. */

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    throw new Error("median of nothing");
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Throughput over a mix where each item is processed once in turn: n / sum(1 / rate_i). This is the rate at
 * which a stream alternating over the items would go, not the arithmetic mean of the rates.
 */
export function harmonicMean(rates: readonly number[]): number {
  return rates.length / rates.reduce((sum, rate) => sum + 1 / rate, 0);
}

export function isPositiveFinite(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}
