// One process group (supervisor's ProcessGroup): its config and its processes, created with their
// log targets. AUTO log files are created here, when the group is created, as supervisord does.
import type { GroupConfig, LogFile, ProcessConfig } from '../config/types.js';
import { createAutoLogFile } from '../logs/auto-log.js';
import type { ChannelTarget } from '../process/child-logs.js';
import { ManagedProcess, type ProcessDeps } from '../process/managed-process.js';

export interface LogPlacement {
  readonly childlogdir: string;
  readonly identifier: string;
  readonly onError: (message: string) => void;
}

function target(p: ProcessConfig, channel: 'stdout' | 'stderr', place: LogPlacement): ChannelTarget {
  const cfg = p[channel];
  const lf: LogFile = cfg.logfile;
  if (lf.kind === 'file') return { channel: cfg, path: lf.path, mode: 0o666 };
  if (lf.kind === 'none') return { channel: cfg, path: null, mode: 0o666 };
  const made = createAutoLogFile({ childlogdir: place.childlogdir, processName: p.name, channel, identifier: place.identifier });
  if (made.ok) return { channel: cfg, path: made.path, mode: 0o600 };
  place.onError(`could not create the AUTO ${channel} log of ${p.name} in ${place.childlogdir}: ${made.message}`);
  return { channel: cfg, path: null, mode: 0o600 };
}

export class ProcessGroup {
  readonly config: GroupConfig;
  /** In ascending (priority, name) order, as the config lists them. */
  readonly processes: readonly ManagedProcess[];

  constructor(config: GroupConfig, deps: ProcessDeps, place: LogPlacement) {
    this.config = config;
    this.processes = config.processes.map(
      (p) => new ManagedProcess(p, config.name, { stdout: target(p, 'stdout', place), stderr: target(p, 'stderr', place) }, deps),
    );
  }

  get name(): string {
    return this.config.name;
  }

  find(name: string): ManagedProcess | undefined {
    return this.processes.find((p) => p.config.name === name);
  }
}
