// What the supervisor.* handlers reach: the Supervisor's public API and a few daemon-level operations.
import { FaultError, makeNamespec, splitNamespec } from '@tend/protocol';
import type { GroupConfig, ServerConfig } from '../../config/types.js';
import type { DaemonLog } from '../../logs/daemon-log.js';
import type { ManagedProcess } from '../../process/managed-process.js';
import type { ProcessGroup } from '../../supervisor/group.js';
import { byPriorityThenName, type Supervisor } from '../../supervisor/supervisor.js';

export interface DaemonControl {
  readonly pid: number;
  readonly identifier: string;
  readonly mainLog: DaemonLog;
  /** The group configs read last (at startup or by reloadConfig): what addProcessGroup adds from. */
  lastGroups(): readonly GroupConfig[];
  /** Re-read the config; on success it becomes lastGroups(). The error is supervisord's CANT_REREAD text. */
  reread(): { ok: true; groups: readonly GroupConfig[] } | { ok: false; error: string };
  /** Stop everything and exit; returns at once. */
  shutdown(): void;
  /** Stop everything, re-read the config, start again (a broken config keeps the old one). */
  restart(): void;
  readonly servers: readonly ServerConfig[];
}

export interface HandlerContext {
  readonly supervisor: Supervisor;
  readonly daemon: DaemonControl;
}

export interface Target {
  readonly group: ProcessGroup;
  /** null: the name was `group:*` or `group:`. */
  readonly process: ManagedProcess | null;
}

/** supervisor's _getGroupAndProcess: BAD_NAME for an unknown group or process. */
export function lookup(ctx: HandlerContext, name: string): Target {
  const { group: groupName, process: processName } = splitNamespec(name);
  const group = ctx.supervisor.group(groupName);
  if (!group) throw new FaultError('BAD_NAME', name);
  if (processName === null) return { group, process: null };
  const process = group.find(processName);
  if (!process) throw new FaultError('BAD_NAME', name);
  return { group, process };
}

export function namespecOf(group: ProcessGroup, p: ManagedProcess): string {
  return makeNamespec(group.name, p.config.name);
}

/** Every process: groups by (priority, name), processes by (priority, name) — supervisor's non-lexical order. */
export function allByPriority(ctx: HandlerContext): Array<[ProcessGroup, ManagedProcess]> {
  return ctx.supervisor.groups.flatMap((g) => byPriorityThenName(g.processes).map((p) => [g, p] as [ProcessGroup, ManagedProcess]));
}

export function requireString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new FaultError('INCORRECT_PARAMETERS', `${name} must be a string`);
  return value;
}
