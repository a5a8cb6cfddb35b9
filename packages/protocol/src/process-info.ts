// Wire structs of supervisor's rpcinterface.py (4.2.5). Keys and their order are the wire contract.

/** getProcessInfo / getAllProcessInfo item (members in supervisor's order). */
export interface ProcessInfo {
  name: string;
  group: string;
  /** Epoch seconds of the last spawn attempt (0 = never). */
  start: number;
  /** Epoch seconds of the last exit (0 = never). */
  stop: number;
  now: number;
  state: number;
  statename: string;
  spawnerr: string;
  exitstatus: number;
  logfile: string;
  stdout_logfile: string;
  stderr_logfile: string;
  pid: number;
  description: string;
}

/** Result struct of group/all operations and clearAllProcessLogs. */
export interface ResultStruct {
  name: string;
  group: string;
  status: number;
  description: string;
}

/** tend.getProcessStats item. */
export interface ProcessStats {
  name: string;
  group: string;
  pid: number;
  /** Spawns after the first since the group was added. */
  restarts: number;
  /** Percent of one core over the window since the previous call (or a short first window). */
  cpu_percent: number;
  /** Resident memory of the process and all its descendants. */
  rss_bytes: number;
}
