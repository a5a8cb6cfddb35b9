// `update` done inside the daemon (for autoupdate): what supervisorctl's update does through RPC —
// removed groups stopped and removed, changed groups stopped, removed and added again, added groups
// added and autostarted — except that every affected group is stopped at once, level by level of
// priority, instead of one round trip per group.
import type { GroupConfig } from '../config/types.js';
import { diffConfigs, type ConfigDiff } from './config-diff.js';
import type { Supervisor } from './supervisor.js';

export async function applyUpdate(supervisor: Supervisor, next: readonly GroupConfig[]): Promise<ConfigDiff> {
  const diff = diffConfigs(supervisor.groups.map((g) => g.config), next);
  const leaving = [...diff.removed, ...diff.changed].map((c) => supervisor.group(c.name)).filter((g) => g !== undefined);
  await supervisor.stopGroups(leaving);
  for (const g of leaving) supervisor.removeGroup(g.name);
  for (const c of [...diff.changed, ...diff.added]) {
    supervisor.addGroup(c);
    void supervisor.autostartGroup(c.name);
  }
  return diff;
}
