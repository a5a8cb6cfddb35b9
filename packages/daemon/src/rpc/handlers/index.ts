// The handlers of every supervisor.* and tend.* method, keyed by the names in protocol's METHOD_TABLE.
import { METHOD_TABLE } from '@tend/protocol';
import { configHandlers } from './config-ops.js';
import { daemonHandlers } from './daemon-ops.js';
import { logHandlers } from './logs.js';
import { processControlHandlers } from './process-control.js';
import type { HandlerContext } from './context.js';

export type Handler = (params: readonly unknown[]) => unknown;

export function createSupervisorHandlers(ctx: HandlerContext): Map<string, Handler> {
  const entries = [...processControlHandlers(ctx), ...logHandlers(ctx), ...configHandlers(ctx), ...daemonHandlers(ctx)];
  const map = new Map<string, Handler>();
  for (const [name, handler] of entries) {
    // Every handler must be in the method table, and only once: a typo here is a programmer error.
    if (!METHOD_TABLE.has(name) || map.has(name)) throw new TypeError(`handler for ${name} is not in METHOD_TABLE or is duplicated`);
    map.set(name, handler);
  }
  return map;
}

export type { HandlerContext, DaemonControl } from './context.js';
