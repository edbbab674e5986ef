/** Small helpers for the benchmark scripts: they print figures, they never assert. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** User and system CPU of a `process.cpuUsage(before)` difference, in ms. */
export function cpuMs(used: NodeJS.CpuUsage): number {
  return (used.user + used.system) / 1000;
}

export function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} KB`;
}

export function row(label: string, value: string, goal = ''): string {
  return `${label.padEnd(58)} ${value.padStart(12)}  ${goal}`;
}
