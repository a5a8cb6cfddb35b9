import { resolve } from 'node:path';
import { findToolPaths } from './tool-paths.js';
// tendctl's entry point: the only file that reads process.argv and the environment, wires the
// real terminal, sockets and clock, and exits (STYLE §1, §5).
import { existsSync } from 'node:fs';
import { configSearchPaths, findConfig } from '@tend/protocol';
import { parseCtlArgs, renderHelp } from './args.js';
import { connectRpcClient } from './client.js';
import { COMMANDS } from './command-table.js';
import { completeLine } from './completion.js';
import { readCtlConfig } from './config/read-ctl-config.js';
import type { CtlFileConfig } from './config/read-ctl-config.js';
import { Controller } from './controller.js';
import { loadHistory, saveHistory } from './history.js';
import { resolveSettings } from './options.js';
import { shouldColor } from './render/colors.js';
import { runShell } from './shell.js';
import { ProcessTerminal } from './terminal.js';
import { openLogtail } from './transport/logtail.js';

function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

async function exit(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

async function main(): Promise<never> {
  const progname = process.argv[1] ?? 'tendctl';
  const usageError = (message: string): Promise<never> => {
    process.stderr.write(`Error: ${message}\nFor help, use ${progname} -h\n`);
    return exit(2);
  };
  const parsed = parseCtlArgs(process.argv.slice(2));
  if (parsed.kind === 'help') {
    process.stdout.write(renderHelp(progname));
    return exit(0);
  }
  if (parsed.kind === 'usage-error') return usageError(parsed.message);
  const { args } = parsed;
  const cwd = process.cwd();
  const configFile = args.configFile ?? findConfig(configSearchPaths(progname), existsSync);
  let fileConfig: CtlFileConfig | null = null;
  if (configFile !== null) {
    const read = readCtlConfig(configFile, { cwd, env: process.env });
    if (!read.ok) return usageError(read.message);
    fileConfig = read.config;
  }
  const settings = resolveSettings(args, fileConfig, cwd);
  const isShell = args.action.length === 0;
  const history = isShell && settings.historyFile !== null ? loadHistory(settings.historyFile) : [];
  let controller: Controller | null = null;
  const terminal: ProcessTerminal = new ProcessTerminal({
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    history,
    completer: (line: string, callback: (err: null, result: [string[], string]) => void) => {
      const verbs = ['help', ...[...COMMANDS.values()].filter((c) => c.help !== undefined).map((c) => c.name).sort()];
      completeLine(line, verbs, () => controller?.processInfos() ?? Promise.resolve([]))
        .then((result) => callback(null, result), () => callback(null, [[], line]));
    },
    // Ctrl-C while nothing waits for it: the shell ends (supervisorctl prints an empty line and
    // exits 0); a one-shot command is cut short as Python's KeyboardInterrupt would (exit 130 here).
    onInterrupt: () => {
      if (isShell) {
        process.stdout.write('\n');
        if (settings.historyFile !== null) saveHistory(settings.historyFile, terminal.history);
        void exit(0);
      } else void exit(130);
    },
  });
  const isTty = process.stdout.isTTY === true;
  controller = new Controller(
    {
      server: { serverurl: settings.serverurl, username: settings.username, password: settings.password },
      configFile: configFile === null ? null : resolve(cwd, configFile),
      interactive: settings.interactive,
      json: args.json,
      isTty,
      color: shouldColor(process.env, isTty),
      transport: args.transport,
    },
    terminal,
    { connect: connectRpcClient, openLogtail, now: () => Date.now() / 1000, tools: () => findToolPaths(process.env, process.execPath, process.argv[1] ?? 'tendctl') },
  );
  if (!isShell) {
    await controller.onecmd(args.action.join(' '));
    terminal.close();
    return exit(controller.status);
  }
  await runShell(controller, terminal, settings.prompt);
  if (settings.historyFile !== null) saveHistory(settings.historyFile, terminal.history);
  terminal.close();
  return exit(0);
}

void main();
