// The only fixed waits in the benchmark: a measured window or a declared warm-up.
export function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
