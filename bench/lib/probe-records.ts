// Reading the probe's timestamp file: "S <ns> <pid>" at start, "E <ns> <pid>" right before exit.

export interface ProbeRecord {
  readonly kind: 'S' | 'E';
  readonly ns: bigint;
  readonly pid: number;
}

export function parseRecord(line: string): ProbeRecord | null {
  const m = /^([SE]) (\d+) (\d+)$/.exec(line);
  if (!m) return null;
  return { kind: m[1] as 'S' | 'E', ns: BigInt(m[2] as string), pid: Number(m[3]) };
}

export function parseRecords(lines: readonly string[]): ProbeRecord[] {
  return lines.map(parseRecord).filter((r): r is ProbeRecord => r !== null);
}

export const isStartRecord = (line: string): boolean => line.startsWith('S ');

/** Epoch ms of a record (for comparing with Date.now()). */
export function recordMs(r: ProbeRecord): number {
  return Number(r.ns / 1000n) / 1000;
}

/**
 * Restart latencies in ms: for each exit record, the time to the next start record of another
 * pid (start_{n+1} − exit_n), in file order. At most `limit` values.
 */
export function restartLatenciesMs(records: readonly ProbeRecord[], limit: number): number[] {
  const out: number[] = [];
  let exit: ProbeRecord | null = null;
  for (const r of records) {
    if (out.length >= limit) break;
    if (r.kind === 'E') exit = r;
    else if (exit !== null && r.pid !== exit.pid) {
      out.push(Number(r.ns - exit.ns) / 1e6);
      exit = null;
    }
  }
  return out;
}
