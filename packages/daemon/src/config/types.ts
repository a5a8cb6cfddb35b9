// Types of the config pipeline: RawIni (text, with line numbers) → typed config (camelCase).
// INI spellings meet camelCase fields only in config/sections/*.ts.

// The text-level types are shared with tendctl and live in @tend/protocol (python/).
export type { Converted, RawIni, RawSection, RawValue } from '@tend/protocol';

/** A problem that stops a config from loading. Collected, never thrown. */
export interface ConfigIssue {
  readonly code: ConfigIssueCode;
  readonly file: string;
  readonly line?: number;
  readonly section?: string;
  readonly key?: string;
  readonly value?: string;
  /** tend's message: `file:line [section] key: what is wrong, got `value`; expected …`. */
  readonly message: string;
  /** The exact error text supervisord 4.2.5 prints for this problem (after `Error: `). */
  readonly supervisorText: string;
}

export type ConfigIssueCode =
  | 'ERR_CONFIG_NOT_FOUND'
  | 'ERR_CONFIG_UNREADABLE'
  | 'ERR_CONFIG_SYNTAX'
  | 'ERR_CONFIG_NO_SECTION_HEADER'
  | 'ERR_CONFIG_ENCODING'
  | 'ERR_CONFIG_MISSING_SECTION'
  | 'ERR_CONFIG_MISSING_OPTION'
  | 'ERR_CONFIG_BAD_VALUE'
  | 'ERR_CONFIG_BAD_NAME'
  | 'ERR_CONFIG_EXPANSION'
  | 'ERR_CONFIG_RULE';

/** A warning: the config loads, but something is probably not what the user meant. */
export interface ConfigWarning {
  readonly file: string;
  readonly line?: number;
  readonly section?: string;
  readonly key?: string;
  readonly message: string;
  /** The WARN text supervisord logs for it at startup, when it has one. */
  readonly supervisorText?: string;
}

export type AutoRestart = 'true' | 'false' | 'unexpected';

export type LogFile =
  | { readonly kind: 'none' }
  | { readonly kind: 'auto' }
  | { readonly kind: 'file'; readonly path: string };

export interface ChannelConfig {
  readonly logfile: LogFile;
  readonly maxBytes: number;
  readonly backups: number;
  readonly captureMaxBytes: number;
  readonly eventsEnabled: boolean;
  readonly syslog: boolean;
}

/** One process, after numprocs and %(…)s expansion: supervisor's ProcessConfig. */
export interface ProcessConfig {
  readonly name: string;
  readonly programName: string;
  readonly groupName: string;
  readonly sectionName: string;
  readonly command: string;
  readonly directory: string | null;
  readonly umask: number | null;
  readonly priority: number;
  readonly autostart: boolean;
  readonly autorestart: AutoRestart;
  readonly startSecs: number;
  readonly startRetries: number;
  readonly user: string | null;
  readonly uid: number | null;
  readonly stdout: ChannelConfig;
  readonly stderr: ChannelConfig;
  readonly stopSignal: number;
  readonly stopWaitSecs: number;
  readonly stopAsGroup: boolean;
  readonly killAsGroup: boolean;
  readonly exitCodes: readonly number[];
  readonly redirectStderr: boolean;
  /** The program's environment merged over [supervisord] environment, in insertion order. */
  readonly environment: Readonly<Record<string, string>>;
  /** null = AUTO (the daemon's own URL). */
  readonly serverUrl: string | null;
  readonly processNum: number;
  readonly numprocs: number;
}

export interface FcgiSocketConfig {
  readonly url: string;
  readonly backlog: number | null;
  readonly owner: readonly [number, number] | null;
  readonly mode: number | null;
}

interface GroupBase {
  readonly name: string;
  readonly priority: number;
  readonly processes: readonly ProcessConfig[];
}

export type GroupConfig =
  | (GroupBase & { readonly kind: 'process' })
  | (GroupBase & {
      readonly kind: 'eventlistener';
      readonly bufferSize: number;
      readonly events: readonly string[];
      readonly resultHandler: string;
    })
  | (GroupBase & { readonly kind: 'fcgi'; readonly socket: FcgiSocketConfig });

export type ServerConfig =
  | {
      readonly family: 'unix';
      readonly name: string | null;
      readonly section: string;
      readonly file: string;
      readonly chmod: number;
      readonly chown: readonly [number, number];
      readonly username: string | null;
      readonly password: string | null;
    }
  | {
      readonly family: 'inet';
      readonly name: string | null;
      readonly section: string;
      readonly host: string;
      readonly port: number;
      readonly username: string | null;
      readonly password: string | null;
    };

export interface SupervisordConfig {
  readonly logfile: string;
  readonly logfileMaxBytes: number;
  readonly logfileBackups: number;
  readonly loglevel: number;
  readonly pidfile: string;
  readonly umask: number;
  readonly nodaemon: boolean;
  readonly silent: boolean;
  readonly minfds: number;
  readonly minprocs: number;
  readonly nocleanup: boolean;
  readonly childlogdir: string;
  readonly user: string | null;
  readonly directory: string | null;
  readonly stripAnsi: boolean;
  readonly environment: Readonly<Record<string, string>>;
  readonly identifier: string;
  /** tend extension: reread + update when an included file changes. */
  readonly autoupdate: boolean;
}

export interface CtlConfig {
  readonly serverurl: string;
  readonly username: string | null;
  readonly password: string | null;
  readonly prompt: string;
  readonly historyFile: string | null;
}

export interface TendConfig {
  /** Absolute path of the main config file. */
  readonly configFile: string;
  /** Directory of the main config file (`%(here)s`). */
  readonly here: string;
  /** Every file read, main first, in reading order. */
  readonly files: readonly string[];
  /** The [include] files= patterns, absolute, in the order given (what autoupdate watches). */
  readonly includePatterns: readonly string[];
  readonly supervisord: SupervisordConfig;
  readonly servers: readonly ServerConfig[];
  /** Names of [rpcinterface:x] sections. */
  readonly rpcInterfaces: readonly string[];
  /** Sorted by (priority, name), as supervisord sorts them. */
  readonly groups: readonly GroupConfig[];
  /** The URL children get as SUPERVISOR_SERVER_URL when serverurl=AUTO; null when no server. */
  readonly serverUrl: string | null;
}

export type LoadResult =
  | {
      readonly ok: true;
      readonly config: TendConfig;
      readonly warnings: readonly ConfigWarning[];
      readonly infos: readonly string[];
    }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly warnings: readonly ConfigWarning[] };
