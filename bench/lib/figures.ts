// Building figures from per-daemon measurements.
import type { DaemonKind } from './daemon.js';
import type { Extra, Figure } from './types.js';

export type PerDaemon<T> = Partial<Record<DaemonKind, T>>;

export function figure(
  id: string, label: string, unit: string, digits: number, values: PerDaemon<number>,
  baseline?: { label: string; value: number | null }, extras?: readonly Extra[],
): Figure {
  return {
    id, label, unit, digits, tend: values.tend ?? null, supervisord: values.supervisord ?? null,
    ...(baseline === undefined ? {} : { baseline }),
    ...(extras === undefined || extras.length === 0 ? {} : { extras }),
  };
}

/** tend / supervisord, or null when either is missing or supervisord's figure is 0. */
export function ratio(f: Pick<Figure, 'tend' | 'supervisord'>): number | null {
  if (f.tend === null || f.supervisord === null || f.supervisord === 0) return null;
  return f.tend / f.supervisord;
}

/** An extra column's value / supervisord's, with the same rules as ratio(). */
export function extraRatio(f: Pick<Figure, 'supervisord'>, value: number | null): number | null {
  return ratio({ tend: value, supervisord: f.supervisord });
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
