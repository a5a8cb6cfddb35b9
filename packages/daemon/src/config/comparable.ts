// A plain-JSON view of a loaded config that uses supervisord's own attribute names and value
// encodings, so the differential test can compare it with what supervisor's own ServerOptions
// read from the same files (test/helpers/supervisor-reference.py prints the same shape).
import type { ChannelConfig, GroupConfig, LogFile, ProcessConfig, ServerConfig, TendConfig } from './types.js';

export interface ComparableProcess {
  name: string;
  uid: number | null;
  command: string;
  directory: string | null;
  umask: number | null;
  priority: number;
  autostart: boolean;
  autorestart: 'true' | 'false' | 'unexpected';
  startsecs: number;
  startretries: number;
  stdout_logfile: string | null;
  stdout_capture_maxbytes: number;
  stdout_events_enabled: boolean;
  stdout_syslog: boolean;
  stdout_logfile_backups: number;
  stdout_logfile_maxbytes: number;
  stderr_logfile: string | null;
  stderr_capture_maxbytes: number;
  stderr_logfile_backups: number;
  stderr_logfile_maxbytes: number;
  stderr_events_enabled: boolean;
  stderr_syslog: boolean;
  stopsignal: number;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  exitcodes: number[];
  redirect_stderr: boolean;
  environment: Record<string, string>;
  serverurl: string | null;
}

export interface ComparableGroup {
  kind: 'process' | 'eventlistener' | 'fcgi';
  name: string;
  priority: number;
  processes: ComparableProcess[];
  buffer_size?: number;
  pool_events?: string[];
  result_handler?: string;
  socket?: string;
}

export interface ComparableConfig {
  supervisord: Record<string, unknown>;
  server_configs: Record<string, unknown>[];
  groups: ComparableGroup[];
  serverurl: string | null;
}

function logfileOf(lf: LogFile): string | null {
  return lf.kind === 'none' ? null : lf.kind === 'auto' ? 'AUTO' : lf.path;
}

function channelOf(prefix: 'stdout' | 'stderr', c: ChannelConfig): Record<string, unknown> {
  return {
    [`${prefix}_logfile`]: logfileOf(c.logfile),
    [`${prefix}_capture_maxbytes`]: c.captureMaxBytes,
    [`${prefix}_events_enabled`]: c.eventsEnabled,
    [`${prefix}_syslog`]: c.syslog,
    [`${prefix}_logfile_backups`]: c.backups,
    [`${prefix}_logfile_maxbytes`]: c.maxBytes,
  };
}

export function processOf(p: ProcessConfig): ComparableProcess {
  return {
    name: p.name,
    uid: p.uid,
    command: p.command,
    directory: p.directory,
    umask: p.umask,
    priority: p.priority,
    autostart: p.autostart,
    autorestart: p.autorestart,
    startsecs: p.startSecs,
    startretries: p.startRetries,
    ...channelOf('stdout', p.stdout),
    ...channelOf('stderr', p.stderr),
    stopsignal: p.stopSignal,
    stopwaitsecs: p.stopWaitSecs,
    stopasgroup: p.stopAsGroup,
    killasgroup: p.killAsGroup,
    exitcodes: [...p.exitCodes],
    redirect_stderr: p.redirectStderr,
    environment: { ...p.environment },
    serverurl: p.serverUrl,
  } as ComparableProcess;
}

export function groupOf(g: GroupConfig): ComparableGroup {
  const base: ComparableGroup = { kind: g.kind, name: g.name, priority: g.priority, processes: g.processes.map(processOf) };
  if (g.kind === 'eventlistener') {
    return { ...base, buffer_size: g.bufferSize, pool_events: [...g.events].sort(), result_handler: g.resultHandler };
  }
  if (g.kind === 'fcgi') return { ...base, socket: g.socket.url };
  return base;
}

function serverOf(s: ServerConfig): Record<string, unknown> {
  if (s.family === 'unix') {
    return { family: 'unix', name: s.name, section: s.section, file: s.file, chmod: s.chmod, chown: [...s.chown], username: s.username, password: s.password };
  }
  return { family: 'inet', name: s.name, section: s.section, host: s.host, port: s.port, username: s.username, password: s.password };
}

export function toComparable(config: TendConfig): ComparableConfig {
  const s = config.supervisord;
  return {
    supervisord: {
      logfile: s.logfile,
      logfile_maxbytes: s.logfileMaxBytes,
      logfile_backups: s.logfileBackups,
      loglevel: s.loglevel,
      pidfile: s.pidfile,
      umask: s.umask,
      nodaemon: s.nodaemon,
      silent: s.silent,
      minfds: s.minfds,
      minprocs: s.minprocs,
      nocleanup: s.nocleanup,
      childlogdir: s.childlogdir,
      user: s.user,
      directory: s.directory,
      strip_ansi: s.stripAnsi,
      environment: { ...s.environment },
      identifier: s.identifier,
    },
    server_configs: config.servers.map(serverOf),
    groups: config.groups.map(groupOf),
    serverurl: config.serverUrl,
  };
}
