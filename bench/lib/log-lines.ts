// The supervisord-format main log lines the benchmark waits for, and their timestamps:
//   2026-11-21 18:56:47,127 INFO spawned: 'x' with pid 123
//   2026-11-21 18:56:48,130 INFO success: x entered RUNNING state, process has stayed up for > than 1 seconds (startsecs)
//   2026-11-21 18:56:47,120 INFO supervisord started with pid 99

const STAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d),(\d{3}) /;

/** The line's timestamp as epoch ms (both daemons write local time), or null. */
export function logTimeMs(line: string): number | null {
  const m = STAMP.exec(line);
  if (!m) return null;
  const n = m.slice(1).map(Number) as [number, number, number, number, number, number, number];
  return new Date(n[0], n[1] - 1, n[2], n[3], n[4], n[5], n[6]).getTime();
}

export const isSpawned = (line: string): boolean => / INFO spawned: '/.test(line);
export const isSuccess = (line: string): boolean => / INFO success: \S+ entered RUNNING state/.test(line);
export const isStartedWithPid = (line: string): boolean => / INFO supervisord started with pid \d+$/.test(line);

export function spawnedPid(line: string): number | null {
  const m = / INFO spawned: '.*' with pid (\d+)$/.exec(line);
  return m ? Number(m[1]) : null;
}

export function startedPid(line: string): number | null {
  const m = / INFO supervisord started with pid (\d+)$/.exec(line);
  return m ? Number(m[1]) : null;
}

/** The timestamp of a line the caller knows is well-formed. */
export function mustLogTimeMs(line: string): number {
  const t = logTimeMs(line);
  if (t === null) throw new Error(`not a supervisord log line: ${JSON.stringify(line)}`);
  return t;
}
