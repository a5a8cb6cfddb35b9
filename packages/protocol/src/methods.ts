// THE method table: every RPC method tendd serves, with its parameters, result type and help.
// Dispatch, system.listMethods, system.methodHelp and system.methodSignature all read this table;
// there is no lookup by reflection (supervisor's dotted-name traversal led to CVE-2017-11610).
// Names and signatures are supervisor 4.2.5's (rpcinterface.py, xmlrpc.py): never rename them.

/** XML-RPC type names as supervisor's methodSignature reports them. */
export type WireType = 'string' | 'int' | 'boolean' | 'double' | 'array' | 'struct' | 'base64';

export interface ParamSpec {
  readonly name: string;
  readonly type: WireType;
  /** Also accepted (tend is lenient where supervisor's code is): e.g. an int signal number. */
  readonly alsoAccepts?: readonly WireType[];
  /** Present when the parameter may be omitted. */
  readonly default?: string | number | boolean;
}

export interface MethodSpec {
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly returns: WireType;
  readonly help: string;
  /** Served only while the daemon is RUNNING (supervisor.*, except sendRemoteCommEvent). */
  readonly needsRunning: boolean;
}

const NAME: ParamSpec = { name: 'name', type: 'string' };
const WAIT: ParamSpec = { name: 'wait', type: 'boolean', default: true };
const OFFSET: ParamSpec = { name: 'offset', type: 'int' };
const LENGTH: ParamSpec = { name: 'length', type: 'int' };
const SIGNAL: ParamSpec = { name: 'signal', type: 'string', alsoAccepts: ['int'] };

function m(name: string, returns: WireType, params: readonly ParamSpec[], help: string, needsRunning = name.startsWith('supervisor.')): MethodSpec {
  return { name, params, returns, help, needsRunning };
}

const READ_LOG_HELP = 'Read length bytes from the log starting at offset. A negative offset with length 0 reads the last -offset bytes.';
const READ_PROCESS_LOG_HELP = "Read length bytes from name's stdout log starting at offset. A negative offset with length 0 reads the last -offset bytes.";
const TAIL_HELP = "Tail name's stdout log: returns [bytes, new offset, overflow]. If more than length bytes were written since offset, overflow is true and only the last length bytes are returned.";

export const METHODS: readonly MethodSpec[] = [
  m('supervisor.addProcessGroup', 'boolean', [NAME], 'Activate the process group name from the last-read configuration (see reloadConfig).'),
  m('supervisor.clearAllProcessLogs', 'array', [], 'Clear the stdout and stderr logs of every process; returns one result struct per process.'),
  m('supervisor.clearLog', 'boolean', [], 'Clear the main log.'),
  m('supervisor.clearProcessLog', 'boolean', [NAME], 'Clear the stdout and stderr logs of name (alias of clearProcessLogs).'),
  m('supervisor.clearProcessLogs', 'boolean', [NAME], 'Clear the stdout and stderr logs of name and reopen them.'),
  m('supervisor.getAPIVersion', 'string', [], 'Return the version of the RPC API (3.0).'),
  m('supervisor.getAllConfigInfo', 'array', [], 'Return the configuration of every process in the last-read configuration.'),
  m('supervisor.getAllProcessInfo', 'array', [], 'Return process info for every process, sorted by group name, then process name.'),
  m('supervisor.getIdentification', 'string', [], 'Return the identifier of this daemon ([supervisord] identifier).'),
  m('supervisor.getPID', 'int', [], 'Return the pid of the daemon.'),
  m('supervisor.getProcessInfo', 'struct', [NAME], 'Return process info for the process name (group:process or process).'),
  m('supervisor.getState', 'struct', [], 'Return the daemon state as {statecode, statename}.'),
  m('supervisor.getSupervisorVersion', 'string', [], 'Return the Supervisor version tend implements (4.2.5).'),
  m('supervisor.getVersion', 'string', [], 'Return the version of the RPC API (alias of getAPIVersion).'),
  m('supervisor.readLog', 'string', [OFFSET, LENGTH], READ_LOG_HELP),
  m('supervisor.readMainLog', 'string', [OFFSET, LENGTH], `${READ_LOG_HELP} (alias of readLog)`),
  m('supervisor.readProcessLog', 'string', [NAME, OFFSET, LENGTH], `${READ_PROCESS_LOG_HELP} (alias of readProcessStdoutLog)`),
  m('supervisor.readProcessStderrLog', 'string', [NAME, OFFSET, LENGTH], READ_PROCESS_LOG_HELP.replace('stdout', 'stderr')),
  m('supervisor.readProcessStdoutLog', 'string', [NAME, OFFSET, LENGTH], READ_PROCESS_LOG_HELP),
  m('supervisor.reloadConfig', 'array', [], 'Re-read the configuration; returns [[added, changed, removed]] group names. Nothing is started or stopped.'),
  m('supervisor.removeProcessGroup', 'boolean', [NAME], 'Remove the stopped process group name from the active configuration.'),
  m('supervisor.restart', 'boolean', [], 'Restart the daemon: stop every process, re-read the configuration, start again.'),
  m('supervisor.sendProcessStdin', 'boolean', [NAME, { name: 'chars', type: 'string' }], 'Write chars to the stdin of the process name.'),
  m('supervisor.sendRemoteCommEvent', 'boolean', [{ name: 'type', type: 'string' }, { name: 'data', type: 'string' }], 'Emit a REMOTE_COMMUNICATION event with type and data.', false),
  m('supervisor.shutdown', 'boolean', [], 'Stop every process and shut the daemon down.'),
  m('supervisor.signalAllProcesses', 'array', [SIGNAL], 'Send signal to every process that is running; returns one result struct per process.'),
  m('supervisor.signalProcess', 'boolean', [NAME, SIGNAL], 'Send signal (a name like HUP or SIGHUP, or a number) to the process name.'),
  m('supervisor.signalProcessGroup', 'array', [NAME, SIGNAL], 'Send signal to every running process of the group name; returns result structs.'),
  m('supervisor.startAllProcesses', 'array', [WAIT], 'Start every process that is not running; returns result structs.'),
  m('supervisor.startProcess', 'boolean', [NAME, WAIT], 'Start the process name (group:* for a whole group). With wait, return once it is RUNNING.'),
  m('supervisor.startProcessGroup', 'array', [NAME, WAIT], 'Start every process of the group name; returns result structs.'),
  m('supervisor.stopAllProcesses', 'array', [WAIT], 'Stop every running process; returns result structs.'),
  m('supervisor.stopProcess', 'boolean', [NAME, WAIT], 'Stop the process name (group:* for a whole group). With wait, return once it has stopped.'),
  m('supervisor.stopProcessGroup', 'array', [NAME, WAIT], 'Stop every running process of the group name; returns result structs.'),
  m('supervisor.tailProcessLog', 'array', [NAME, OFFSET, LENGTH], `${TAIL_HELP} (alias of tailProcessStdoutLog)`),
  m('supervisor.tailProcessStderrLog', 'array', [NAME, OFFSET, LENGTH], TAIL_HELP.replace('stdout', 'stderr')),
  m('supervisor.tailProcessStdoutLog', 'array', [NAME, OFFSET, LENGTH], TAIL_HELP),
  m('system.listMethods', 'array', [], 'Return the names of every method, sorted.'),
  m('system.methodHelp', 'string', [NAME], 'Return the help text of the method name.'),
  m('system.methodSignature', 'array', [NAME], 'Return [result type, parameter types...] of the method name.'),
  m('system.multicall', 'array', [{ name: 'calls', type: 'array' }], 'Run [{methodName, params}, ...] in order; returns each result, or a {faultCode, faultString} struct.'),
  // tend's own methods. supervisorctl never calls them; tendctl uses them when the server has them.
  m('tend.getProcessStats', 'array', [], 'For every process: pid, restarts, CPU % and RSS bytes summed over its whole process tree. Sampled only when called.', true),
];

/** Name → spec, the one dispatch table. */
export const METHOD_TABLE: ReadonlyMap<string, MethodSpec> = new Map(METHODS.map((s) => [s.name, s]));

/** system.methodSignature: [result type, param types…]. */
export function methodSignature(spec: MethodSpec): string[] {
  return [spec.returns, ...spec.params.map((p) => p.type)];
}
