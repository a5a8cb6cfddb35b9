// A daemon whose main config includes conf.d/*.conf, with a control socket, for the
// reread/update scenarios: conf.d starts with one trivial program (`base`), and the scenario
// drops in or deletes one file per program (`[program:p001]` … a sleeping probe, startsecs=0).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_SOCKET, minfdsFor, renderConfig, renderProgramFile, type ProgramOptions } from './config.js';
import { launchDaemon, type DaemonKind, type RunningDaemon } from './daemon.js';
import { isSuccess } from './log-lines.js';
import { processInfos, UnixRpcClient, waitForRpc } from './rpc-client.js';
import type { ScenarioContext } from './types.js';

export interface ConfdDaemon {
  readonly daemon: RunningDaemon;
  readonly dir: string;
  readonly configPath: string;
  readonly confd: string;
  readonly socketPath: string;
}

export const programName = (i: number): string => `p${String(i).padStart(3, '0')}`;

/** A `success:` line for one of the numbered programs (not `base`). */
export const isNumberedSuccess = (line: string): boolean => isSuccess(line) && / INFO success: p\d{3,} entered /.test(line);
/** A `stopped:` line for one of the numbered programs (WARN when killed by the signal, as with the probe). */
export const isNumberedStopped = (line: string): boolean => / [A-Z]+ stopped: p\d{3,} \(/.test(line);

function program(name: string): ProgramOptions {
  return { name, probeArgs: ['sleep'], startsecs: 0, autorestart: 'unexpected' };
}

export function writeProgramFiles(ctx: ScenarioContext, confd: string, count: number): void {
  for (let i = 1; i <= count; i++) {
    writeFileSync(join(confd, `${programName(i)}.conf`), renderProgramFile(ctx.probe.path, program(programName(i))));
  }
}

export function removeProgramFiles(confd: string, count: number): void {
  for (let i = 1; i <= count; i++) rmSync(join(confd, `${programName(i)}.conf`));
}

/**
 * Start `kind` in `<workDir>/<subdir>` with `base` plus `atStart` numbered programs in conf.d
 * (fds sized for `maxPrograms` numbered ones), and wait until all are RUNNING, both in the log
 * and through getAllProcessInfo (which also proves the control socket is up).
 */
export async function launchConfd(
  ctx: ScenarioContext, kind: DaemonKind, subdir: string, atStart: number, maxPrograms: number, readyTimeoutMs: number,
): Promise<ConfdDaemon> {
  const dir = join(ctx.workDir, subdir);
  const confd = join(dir, 'conf.d');
  mkdirSync(confd, { recursive: true });
  writeFileSync(join(confd, 'base.conf'), renderProgramFile(ctx.probe.path, program('base')));
  writeProgramFiles(ctx, confd, atStart);
  const minfds = minfdsFor(maxPrograms + 1);
  const configText = renderConfig({ probePath: ctx.probe.path, minfds, control: true, include: 'conf.d/*.conf', programs: [] });
  const daemon = await launchDaemon({ kind, binaries: ctx.binaries, dir, configText, probePath: ctx.probe.path, nofile: minfds });
  const socketPath = join(dir, CONTROL_SOCKET);
  const client = new UnixRpcClient(socketPath);
  try {
    await daemon.waitLog(isSuccess, atStart + 1, readyTimeoutMs, "'success:'");
    const ready = (v: unknown): boolean => processInfos(v).filter((p) => p.statename === 'RUNNING').length === atStart + 1;
    await waitForRpc(client, 'supervisor.getAllProcessInfo', ready, 60_000, `all ${atStart + 1} RUNNING`);
  } catch (err) {
    await daemon.stop();
    throw err;
  } finally {
    client.close();
  }
  return { daemon, dir, configPath: join(dir, 'supervisord.conf'), confd, socketPath };
}

/** getAllProcessInfo now (on a fresh connection): how many processes, and how many RUNNING. */
export async function countProcesses(socketPath: string): Promise<{ total: number; running: number }> {
  const client = new UnixRpcClient(socketPath);
  try {
    const infos = processInfos((await client.call('xmlrpc', 'supervisor.getAllProcessInfo')).value);
    return { total: infos.length, running: infos.filter((p) => p.statename === 'RUNNING').length };
  } finally {
    client.close();
  }
}
