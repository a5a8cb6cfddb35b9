// The running daemon: everything supervisord does between parsing its config and its main loop
// (privileges, rlimits, logger, AUTO-log cleanup, groups, pidfile, autostart), and its reactions
// to signals. main.ts creates it; nothing here exits the process.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadConfig, type LoadOptions } from './config/load.js';
import { signame } from './config/signals.js';
import type { ConfigWarning, TendConfig } from './config/types.js';
import { findUserById, findUserByName, listUserGroups } from './config/users.js';
import { EventBus } from './events/bus.js';
import { clearAutoLogDir } from './logs/auto-log.js';
import { DaemonLog, type TextStream } from './logs/daemon-log.js';
import { realClock, type Clock } from './os/clock.js';
import { createSpawnIds } from './process/env.js';
import type { LogLevel } from './process/snapshot.js';
import { createNodeSpawner, type NodeSpawner } from './process/spawner.js';
import { applyUpdate } from './supervisor/apply-update.js';
import { startAutoUpdate } from './supervisor/autoupdate.js';
import { Supervisor } from './supervisor/supervisor.js';
import { createDispatcher } from './rpc/dispatch.js';
import { createSupervisorHandlers, type DaemonControl } from './rpc/handlers/index.js';
import { lookup } from './rpc/handlers/context.js';
import { startRpcServers, type RpcServers } from './rpc/server.js';
import type { GroupConfig } from './config/types.js';
import type { ProcessState } from '@tend/protocol';
import { notifyReady, notifySocket, notifyStopping, settledStatus, whenSettled } from './os/sd-notify.js';

export interface DaemonIo {
  readonly stdout: TextStream;
  readonly stderr: TextStream;
}

export interface StartedDaemon {
  readonly supervisor: Supervisor;
  /** Resolves with the exit code once a shutdown has finished. */
  readonly done: Promise<number>;
  onSignal(sig: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR2'): void;
}

/** The soft and hard RLIMIT_NOFILE of this process, from /proc (Node has no getrlimit). */
function readNofile(): { soft: number; hard: number } | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const m = line && /Max open files\s+(\S+)\s+(\S+)/.exec(line);
    if (!m) return null;
    const n = (v: string): number => (v === 'unlimited' ? Infinity : Number(v));
    return { soft: n(m[1]!), hard: n(m[2]!) };
  } catch {
    return null;
  }
}

// supervisord raises RLIMIT_NOFILE to minfds at startup; Node cannot, util-linux prlimit can.
function raiseNofile(minfds: number, log: DaemonLog): string | null {
  const cur = readNofile();
  if (cur === null || cur.soft >= minfds) return null;
  if (cur.hard < minfds) {
    return `The minimum number of file descriptors required to run this process is ${minfds} as per the "minfds" command-line argument or config file setting. The current environment will only allow you to open ${cur.hard} file descriptors.  Either raise the number of usable file descriptors in your environment (see README.rst) or lower the minfds setting in the config file to allow the process to start.`;
  }
  const r = spawnSync('prlimit', ['--pid', String(process.pid), `--nofile=${minfds}:${cur.hard === Infinity ? 'unlimited' : cur.hard}`]);
  if (r.status === 0) log.info(`Increased RLIMIT_NOFILE limit to ${minfds}`);
  else log.warn(`could not raise RLIMIT_NOFILE to ${minfds} (prlimit failed); continuing with ${cur.soft}`);
  return null;
}

// [supervisord] user=: drop privileges before anything else, as supervisord does (supplementary
// groups, then gid, then uid). Returns an error text, or null when nothing had to change.
function dropPrivileges(user: string | null): { error: string } | { uid: number } | null {
  if (user === null) return null;
  const entry = /^\d+$/.test(user) ? findUserById(Number(user)) : findUserByName(user);
  if (entry === null) return { error: /^\d+$/.test(user) ? `Can't find uid ${user}` : `Can't find username '${user}'` };
  if (process.getuid?.() === entry.uid) return null;
  if (process.getuid?.() !== 0) return { error: "Can't drop privilege as nonroot user" };
  try {
    process.setgroups?.(listUserGroups(entry));
    process.setgid?.(entry.gid);
    process.setuid?.(entry.uid);
  } catch (err) {
    return { error: `Could not set user id of effective user: ${(err as Error).message}` };
  }
  return { uid: entry.uid };
}

export async function startDaemon(loaded: { config: TendConfig; warnings: readonly ConfigWarning[]; infos: readonly string[] }, reload: LoadOptions, io: DaemonIo, clock: Clock = realClock):
  Promise<{ ok: true; daemon: StartedDaemon } | { ok: false; error: string }> {
  const { config } = loaded;
  const sd = config.supervisord;
  const privileges = dropPrivileges(sd.user);
  if (privileges && 'error' in privileges) return { ok: false, error: privileges.error };

  const log = new DaemonLog({ level: sd.loglevel, now: () => clock.wallNow(), stderr: io.stderr, ...(sd.nodaemon && !sd.silent ? { echo: io.stdout } : {}) });
  const limitError = raiseNofile(sd.minfds, log);
  if (limitError) return { ok: false, error: limitError };
  const opened = log.open({ logfile: sd.logfile, maxBytes: sd.logfileMaxBytes, backups: sd.logfileBackups });
  if (!opened.ok) return { ok: false, error: opened.error.message };

  if (process.getuid?.() === 0 && sd.user === null) {
    log.critical('Supervisor is running as root.  Privileges were not dropped because no user is specified in the config file.  If you intend to run as root, you can set user=root in the config file to avoid this message.');
  }
  if (privileges) log.info(`Set uid to user ${privileges.uid} succeeded`);
  for (const w of loaded.warnings) log.warn(w.supervisorText ?? w.message);
  for (const i of loaded.infos) log.info(i);
  if (!sd.nocleanup) for (const w of clearAutoLogDir(sd.childlogdir, sd.identifier).warnings) log.warn(w);

  const spawner: NodeSpawner = createNodeSpawner();
  const bus = new EventBus();
  const logAt = (level: LogLevel, message: string): void => log.log(level, message);
  const daemonEnv = { ...process.env };
  const supervisor = new Supervisor({
    spawner, clock, bus, spawnIds: createSpawnIds(), log: logAt, signame, daemonEnv, daemonCwd: process.cwd(),
    serverUrl: config.serverUrl, stripAnsi: sd.stripAnsi,
    resolveUser: (uid) => {
      const u = findUserById(uid);
      return u ? { uid: u.uid, gid: u.gid, groups: listUserGroups(u), name: u.name, home: u.home } : null;
    },
    place: { childlogdir: sd.childlogdir, identifier: sd.identifier, onError: (m) => log.error(m) },
  });
  for (const g of config.groups) supervisor.addGroup(g);

  // The config read last: what addProcessGroup adds from (supervisord's options.process_group_configs).
  let lastGroups: readonly GroupConfig[] = config.groups;
  const reread = (): ReturnType<typeof loadConfig> => {
    const next = loadConfig(reload);
    if (next.ok) lastGroups = next.config.groups;
    return next;
  };

  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => { finish = resolve; });
  // Nothing else may keep Node's event loop alive (no server, every program stopped): this timer
  // does, firing once every 24 days, so the daemon never exits on its own.
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1);
  let reloading = false;
  let servers: RpcServers | null = null;
  let autoUpdate: { close(): Promise<void> } | null = null;

  const shutdown = async (): Promise<void> => {
    if (notifySocket() !== null) notifyStopping();
    const stopping = supervisor.shutdown();
    await autoUpdate?.close();
    await stopping;
    await servers?.close();
    rmSync(sd.pidfile, { force: true });
    spawner.dispose();
    log.close();
    clearInterval(keepAlive);
    finish(0);
  };

  // SIGHUP and supervisor.restart: re-read the config and restart everything with it. tend keeps
  // running programs and the running config when the new one is broken (supervisord stops
  // everything and exits, weak point 20).
  const reloadConfig = async (): Promise<void> => {
    const next = reread();
    if (!next.ok) {
      log.error(`reload aborted: the configuration has ${next.issues.length} problem${next.issues.length === 1 ? '' : 's'}; the running configuration is kept`);
      for (const issue of next.issues) log.error(issue.message);
      return;
    }
    await supervisor.restartWith(next.config.groups);
    log.info('reload complete');
  };
  const restart = (): void => {
    if (reloading || supervisor.mood === 'SHUTDOWN') return;
    reloading = true;
    void reloadConfig().finally(() => { reloading = false; });
  };
  const requestShutdown = (): void => {
    if (supervisor.mood === 'SHUTDOWN') return;
    void shutdown();
  };

  const control: DaemonControl = {
    pid: process.pid,
    identifier: sd.identifier,
    mainLog: log,
    servers: config.servers,
    lastGroups: () => lastGroups,
    reread: () => {
      const next = reread();
      // tend's messages name file:line; supervisord's CANT_REREAD text names only the first problem.
      return next.ok ? { ok: true, groups: next.config.groups } : { ok: false, error: next.issues.map((i) => i.message).join('\n') };
    },
    shutdown: requestShutdown,
    restart,
  };
  const dispatch = createDispatcher({
    handlers: createSupervisorHandlers({ supervisor, daemon: control }),
    isRunning: () => supervisor.mood === 'RUNNING',
    log,
  });
  try {
    servers = await startRpcServers({
      servers: config.servers, dispatch, log, stderr: io.stderr, rpcInterfaces: config.rpcInterfaces,
      logtail: {
        processLog: (namespec, channel) => {
          try {
            return lookup({ supervisor, daemon: control }, namespec).process?.logPaths[channel] ?? null;
          } catch {
            return null;
          }
        },
        mainLog: () => log.path,
      },
    });
  } catch (err) {
    clearInterval(keepAlive);
    spawner.dispose();
    log.close();
    return { ok: false, error: (err as Error).message };
  }

  try {
    writeFileSync(sd.pidfile, `${process.pid}\n`);
  } catch (err) {
    log.critical(`could not write pidfile ${sd.pidfile}: ${(err as Error).message}`);
  }
  log.info(`supervisord started with pid ${process.pid}`);
  bus.emit({ type: 'supervisor-state', state: 'RUNNING' });
  // Type=notify: READY=1 once every autostart program has been started (in slices, see
  // AUTOSTART_SLICE) and has settled (RUNNING, or given up on).
  const views = (): Array<{ autostart: boolean; state: ProcessState }> =>
    supervisor.groups.flatMap((g) => g.processes.map((p) => ({ autostart: p.config.autostart, state: p.snapshot.state })));
  void supervisor.autostartAll()
    .then(() => whenSettled(views, (cb) => bus.subscribe((e) => { if (e.type === 'process-state') cb(); })).settled)
    .then(() => {
      if (notifySocket() !== null && !notifyReady(settledStatus(views()))) log.warn('could not send READY=1 to systemd');
    });

  if (sd.autoupdate) {
    autoUpdate = startAutoUpdate({
      mainFile: config.configFile,
      patterns: config.includePatterns,
      log: logAt,
      reread: () => {
        const next = reread();
        return next.ok ? { ok: true, groups: next.config.groups, patterns: next.config.includePatterns } : { ok: false, errors: next.issues.map((i) => i.message) };
      },
      apply: async (groups) => {
        const d = await applyUpdate(supervisor, groups);
        const names = (gs: readonly { name: string }[]): string[] => gs.map((g) => g.name);
        return { added: names(d.added), changed: names(d.changed), removed: names(d.removed) };
      },
    });
  }

  const onSignal = (sig: 'SIGTERM' | 'SIGINT' | 'SIGQUIT' | 'SIGHUP' | 'SIGUSR2'): void => {
    if (sig === 'SIGUSR2') {
      log.info('received SIGUSR2 indicating log reopen request');
      log.reopen();
      log.info('supervisord logreopen');
      for (const g of supervisor.groups) for (const p of g.processes) p.reopenLogs();
      return;
    }
    if (sig === 'SIGHUP') {
      if (supervisor.mood === 'SHUTDOWN') {
        log.warn('ignored SIGHUP indicating restart request (shutdown in progress)');
        return;
      }
      log.warn('received SIGHUP indicating restart request');
      restart();
      return;
    }
    if (supervisor.mood === 'SHUTDOWN') return;
    log.warn(`received ${sig} indicating exit request`);
    requestShutdown();
  };

  return { ok: true, daemon: { supervisor, done, onSignal } };
}
