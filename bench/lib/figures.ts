// Building figures from per-daemon measurements.
import type { DaemonKind } from './daemon.js';
import type { Figure } from './types.js';

export type PerDaemon<T> = Partial<Record<DaemonKind, T>>;

export function figure(
  id: string, label: string, unit: string, digits: number, values: PerDaemon<number>,
  baseline?: { label: string; value: number | null },
): Figure {
  return {
    id, label, unit, digits, tend: values.tend ?? null, supervisord: values.supervisord ?? null,
    ...(baseline === undefined ? {} : { baseline }),
  };
}

/** tend / supervisord, or null when either is missing or supervisord's figure is 0. */
export function ratio(f: Pick<Figure, 'tend' | 'supervisord'>): number | null {
  if (f.tend === null || f.supervisord === null || f.supervisord === 0) return null;
  return f.tend / f.supervisord;
}

/** Apply `pick` to each daemon's measurement. */
export function mapDaemons<T, U>(m: PerDaemon<T>, pick: (v: T) => U): PerDaemon<U> {
  const out: PerDaemon<U> = {};
  for (const k of Object.keys(m) as DaemonKind[]) {
    const v = m[k];
    if (v !== undefined) out[k] = pick(v);
  }
  return out;
}
