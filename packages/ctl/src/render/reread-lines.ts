// supervisorctl's _formatChanges: `<group>: available|changed|disappeared`, sorted by group name
// (a group in several lists shows the last one: removed beats changed beats added), or
// `No config updates to processes`.
import type { ConfigChanges } from '../wire.js';

// Python sorts str by code point; JS's default sort compares UTF-16 units.
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

export function renderRereadLines(changes: ConfigChanges): string[] {
  const byName = new Map<string, string>();
  for (const n of changes.added) byName.set(n, 'available');
  for (const n of changes.changed) byName.set(n, 'changed');
  for (const n of changes.removed) byName.set(n, 'disappeared');
  if (byName.size === 0) return ['No config updates to processes'];
  return [...byName.keys()].sort(compareCodePoints).map((n) => `${n}: ${byName.get(n)!}`);
}
