// The supervisor.* calls supervisorctl makes (spec §7.7), typed. Each method is one RPC with
// supervisorctl's exact parameters (e.g. startProcess(name) without `wait`, so the server's
// default applies, as on the real wire).
import type { ProcessInfo, ProcessStats, ResultStruct } from '@tend/protocol';
import type { RpcClient } from './transport/rpc-client.js';
import {
  asConfigChanges, asConfigInfos, asInt, asMulticallResults, asProcessInfo, asProcessInfos, asProcessStatsList, asResults, asString,
} from './wire.js';
import type { ConfigChanges, ConfigInfo, MulticallResult } from './wire.js';

export class SupervisorApi {
  readonly #client: RpcClient;
  constructor(client: RpcClient) {
    this.#client = client;
  }

  #call(method: string, ...params: unknown[]): Promise<unknown> {
    return this.#client.call(method, params);
  }

  /** The upcheck call; the raw value, since any answer other than '3.0' is reported as is. */
  getVersion(): Promise<unknown> {
    return this.#call('supervisor.getVersion');
  }
  async getSupervisorVersion(): Promise<string> {
    return asString(await this.#call('supervisor.getSupervisorVersion'), 'getSupervisorVersion');
  }
  async getPID(): Promise<number> {
    return asInt(await this.#call('supervisor.getPID'), 'getPID');
  }
  async getAllProcessInfo(): Promise<ProcessInfo[]> {
    return asProcessInfos(await this.#call('supervisor.getAllProcessInfo'));
  }
  async getProcessInfo(name: string): Promise<ProcessInfo> {
    return asProcessInfo(await this.#call('supervisor.getProcessInfo', name));
  }
  async getAllConfigInfo(): Promise<ConfigInfo[]> {
    return asConfigInfos(await this.#call('supervisor.getAllConfigInfo'));
  }
  async getProcessStats(): Promise<ProcessStats[]> {
    return asProcessStatsList(await this.#call('tend.getProcessStats'));
  }

  async startProcess(name: string): Promise<void> {
    await this.#call('supervisor.startProcess', name);
  }
  async startProcessGroup(group: string): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.startProcessGroup', group));
  }
  async startAllProcesses(): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.startAllProcesses'));
  }
  async stopProcess(name: string): Promise<void> {
    await this.#call('supervisor.stopProcess', name);
  }
  async stopProcessGroup(group: string): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.stopProcessGroup', group));
  }
  async stopAllProcesses(): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.stopAllProcesses'));
  }
  async signalProcess(name: string, signal: string): Promise<void> {
    await this.#call('supervisor.signalProcess', name, signal);
  }
  async signalProcessGroup(group: string, signal: string): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.signalProcessGroup', group, signal));
  }
  async signalAllProcesses(signal: string): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.signalAllProcesses', signal));
  }
  async clearProcessLogs(name: string): Promise<void> {
    await this.#call('supervisor.clearProcessLogs', name);
  }
  async clearAllProcessLogs(): Promise<ResultStruct[]> {
    return asResults(await this.#call('supervisor.clearAllProcessLogs'));
  }
  async readProcessStdoutLog(name: string, offset: number, length: number): Promise<string> {
    return asString(await this.#call('supervisor.readProcessStdoutLog', name, offset, length), 'readProcessStdoutLog');
  }
  async readProcessStderrLog(name: string, offset: number, length: number): Promise<string> {
    return asString(await this.#call('supervisor.readProcessStderrLog', name, offset, length), 'readProcessStderrLog');
  }
  async readLog(offset: number, length: number): Promise<string> {
    return asString(await this.#call('supervisor.readLog', offset, length), 'readLog');
  }
  async reloadConfig(): Promise<ConfigChanges> {
    return asConfigChanges(await this.#call('supervisor.reloadConfig'));
  }
  async addProcessGroup(name: string): Promise<void> {
    await this.#call('supervisor.addProcessGroup', name);
  }
  /**
   * addProcessGroup for each name, in order, in one system.multicall request rather than one
   * request each. Both servers have system.multicall; a fault comes back in its place, and the
   * calls after it still run.
   */
  async addProcessGroups(names: readonly string[]): Promise<MulticallResult[]> {
    if (names.length === 0) return [];
    const calls = names.map((name) => ({ methodName: 'supervisor.addProcessGroup', params: [name] }));
    return asMulticallResults(await this.#call('system.multicall', calls), calls.length);
  }
  async removeProcessGroup(name: string): Promise<void> {
    await this.#call('supervisor.removeProcessGroup', name);
  }
  async shutdown(): Promise<void> {
    await this.#call('supervisor.shutdown');
  }
  async restart(): Promise<void> {
    await this.#call('supervisor.restart');
  }
  async sendProcessStdin(name: string, chars: string): Promise<void> {
    await this.#call('supervisor.sendProcessStdin', name, chars);
  }
}
