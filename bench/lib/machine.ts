// The machine a run happened on, for RESULTS.md.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { clockTicksPerSecond } from './proc.js';

export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly kernel: string;
  readonly node: string;
  readonly supervisord: string;
  readonly clockTicks: number;
  /** 1-minute load average when the run started: a hint of how busy the (shared) machine was. */
  readonly loadAvg1: number;
}

export function supervisordVersion(path: string | null): string {
  if (path === null) return 'not installed';
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? `${r.stdout.trim()} (${path})` : `unknown (${path}: ${r.stderr.trim() || `exit ${String(r.status)}`})`;
}

export function machineInfo(supervisordPath: string | null): MachineInfo {
  const list = cpus();
  return {
    cores: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: release(),
    node: process.version,
    supervisord: supervisordVersion(supervisordPath),
    clockTicks: clockTicksPerSecond(),
    loadAvg1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
