// supervisorctl's _formatChanges: `<group>: available|changed|disappeared`, sorted by group name
// (a group in several lists shows the last one: removed beats changed beats added), or
// `No config updates to processes`.
import { comparePyStr } from '@tend/protocol';
import type { ConfigChanges } from '../wire.js';

export function renderRereadLines(changes: ConfigChanges): string[] {
  const byName = new Map<string, string>();
  for (const n of changes.added) byName.set(n, 'available');
  for (const n of changes.changed) byName.set(n, 'changed');
  for (const n of changes.removed) byName.set(n, 'disappeared');
  if (byName.size === 0) return ['No config updates to processes'];
  return [...byName.keys()].sort(comparePyStr).map((n) => `${n}: ${byName.get(n)!}`);
}
