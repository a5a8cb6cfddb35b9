// reloadConfig's comparison of the new config with the active groups (supervisord's diff_to_active
// and the Config __eq__ methods): added and changed in new-config order, removed in active order.
import { groupOf, processOf } from '../config/comparable.js';
import type { GroupConfig, ProcessConfig } from '../config/types.js';

export interface ConfigDiff {
  readonly added: readonly GroupConfig[];
  readonly changed: readonly GroupConfig[];
  readonly removed: readonly GroupConfig[];
}

// ProcessConfig.__eq__: every option, except that a field which is AUTO on either side is skipped
// (so switching a log from a path to AUTO is not a change — weak point 19, copied for compatibility).
function sameProcess(a: ProcessConfig, b: ProcessConfig): boolean {
  const x = processOf(a) as unknown as Record<string, unknown>;
  const y = processOf(b) as unknown as Record<string, unknown>;
  for (const key of Object.keys(x)) {
    if (x[key] === 'AUTO' || y[key] === 'AUTO') continue;
    if (JSON.stringify(x[key]) !== JSON.stringify(y[key])) return false;
  }
  return true;
}

export function sameGroup(a: GroupConfig, b: GroupConfig): boolean {
  if (a.kind !== b.kind || a.name !== b.name || a.priority !== b.priority) return false;
  if (a.processes.length !== b.processes.length) return false;
  if (!a.processes.every((p, i) => sameProcess(p, b.processes[i]!))) return false;
  const ga = groupOf({ ...a, processes: [] });
  const gb = groupOf({ ...b, processes: [] });
  return JSON.stringify(ga) === JSON.stringify(gb);
}

export function diffConfigs(active: readonly GroupConfig[], next: readonly GroupConfig[]): ConfigDiff {
  const activeByName = new Map(active.map((g) => [g.name, g]));
  const nextNames = new Set(next.map((g) => g.name));
  return {
    added: next.filter((g) => !activeByName.has(g.name)),
    changed: next.filter((g) => {
      const cur = activeByName.get(g.name);
      return cur !== undefined && !sameGroup(cur, g);
    }),
    removed: active.filter((g) => !nextNames.has(g.name)),
  };
}
