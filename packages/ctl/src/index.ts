// @tend/ctl's library surface (re-exports only): the controller and the pure renderers.
export { Controller, parseLine } from './controller.js';
export type { ControllerOptions, ControllerSeams, Terminal } from './controller.js';
export type { Command, CommandContext, LogtailEnd, LogtailStream, Output } from './command.js';
export { COMMANDS, JSON_VERBS } from './command-table.js';
export { ExitCode, StatusExitCode } from './exit-codes.js';
export { renderStatusLines } from './render/status-lines.js';
export { renderStatusTable } from './render/status-table.js';
export type { RpcClient, TransportChoice, TransportName } from './client.js';
