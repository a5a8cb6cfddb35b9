// The settings a session runs with: command line first, then the [supervisorctl] section, then
// supervisorctl's defaults (spec §2.4).
import { resolve } from 'node:path';
import type { CtlArgs } from './args.js';
import type { CtlFileConfig } from './config/read-ctl-config.js';

export const DEFAULT_SERVER_URL = 'http://localhost:9001';
export const DEFAULT_PROMPT = 'supervisor';

export interface CtlSettings {
  readonly serverurl: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly prompt: string;
  readonly historyFile: string | null;
  readonly interactive: boolean;
}

// -r is honoured here; supervisorctl 4.2.5 stores it under a name its shell never reads.
export function resolveSettings(args: CtlArgs, file: CtlFileConfig | null, cwd: string): CtlSettings {
  return {
    serverurl: args.serverurl ?? file?.serverurl ?? DEFAULT_SERVER_URL,
    username: args.username ?? file?.username ?? null,
    password: args.password ?? file?.password ?? null,
    prompt: file?.prompt ?? DEFAULT_PROMPT,
    historyFile: args.historyFile !== null ? resolve(cwd, args.historyFile) : (file?.historyFile ?? null),
    interactive: args.interactive || args.action.length === 0,
  };
}
