// tendd's HTTP servers: one per [unix_http_server] / [inet_http_server] section, all serving
// the same routes (http-routes.ts) through the same dispatch (spec §7.1).
//
// startRpcServers binds every server (listen.ts) or none: if one fails, those already bound
// are closed and the RpcServerError is thrown. At startup it logs what supervisord logs:
// `RPC interface 'supervisor' initialized` (INFO) per interface and, for a server without a
// username, `Server 'unix_http_server' running without any HTTP authentication checking` (CRIT).
import { lstat, unlink } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { ServerConfig } from '../config/types.js';
import { createAuthorizer } from './auth.js';
import type { Dispatch } from './dispatch.js';
import { HttpConnection } from './http-connection.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-limits.js';
import { createRequestHandler } from './http-routes.js';
import { listenInet, listenUnix } from './listen.js';
import type { LogtailSources } from './logtail-route.js';
import type { RpcLog, TextSink } from './rpc-log.js';

export interface RpcServerOptions {
  readonly servers: readonly ServerConfig[];
  readonly dispatch: Dispatch;
  readonly logtail: LogtailSources;
  readonly log: RpcLog;
  /** Where `Unlinking stale socket <file>` goes (supervisord: stderr). Default: the log, at WARN. */
  readonly stderr?: TextSink;
  /** For the temporary socket name `<file>.<pid>`. Default process.pid. */
  readonly pid?: number;
  /** [rpcinterface:x] names, for the startup INFO lines. Default ['supervisor']. */
  readonly rpcInterfaces?: readonly string[];
  readonly limits?: Partial<HttpLimits>;
}

export interface RunningServer {
  readonly config: ServerConfig;
  /** The socket path, or the bound TCP address (port 0 in a test gets a real port here). */
  readonly address: string | AddressInfo;
}

export interface RpcServers {
  readonly servers: readonly RunningServer[];
  /** Stops listening, drops every connection (logtail streams included), removes socket files. */
  close(): Promise<void>;
}

interface Bound {
  readonly config: ServerConfig;
  readonly server: Server;
  readonly connections: Set<HttpConnection>;
  /** Inode of the unix socket file we linked; null for TCP. */
  readonly ino: number | null;
}

function closeBound(bound: Bound): Promise<void> {
  return new Promise<void>((resolve) => {
    bound.server.close(() => resolve());
    for (const c of bound.connections) c.destroy();
  }).then(async () => {
    if (bound.config.family !== 'unix' || bound.ino === null) return;
    const file = bound.config.file;
    // Only our own socket: a newer daemon may have replaced it.
    const st = await lstat(file).catch(() => null);
    if (st !== null && st.ino === bound.ino) await unlink(file).catch(() => undefined);
  });
}

export async function startRpcServers(options: RpcServerOptions): Promise<RpcServers> {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const { log, dispatch, logtail } = options;
  const bound: Bound[] = [];
  try {
    for (const config of options.servers) {
      const connections = new Set<HttpConnection>();
      const handler = createRequestHandler({ authorize: createAuthorizer(config.username, config.password), dispatch, logtail, log });
      const server = createServer({ allowHalfOpen: false }, (socket: Socket) => {
        const connection = new HttpConnection(socket, handler, limits, log);
        connections.add(connection);
        socket.on('close', () => connections.delete(connection));
      });
      server.maxConnections = limits.maxConnections;
      server.on('error', (err) => log.error(`HTTP server ${config.section}: ${err.message}`));
      let ino: number | null = null;
      if (config.family === 'unix') ino = await listenUnix(server, config, options.pid ?? process.pid, options.stderr ?? null, log);
      else await listenInet(server, config);
      bound.push({ config, server, connections, ino });
      for (const name of options.rpcInterfaces ?? ['supervisor']) log.info(`RPC interface '${name}' initialized`);
      if (config.username === null) log.critical(`Server '${config.section}' running without any HTTP authentication checking`);
    }
  } catch (err) {
    await Promise.all(bound.map(closeBound));
    throw err;
  }
  return {
    servers: bound.map((b) => ({ config: b.config, address: b.config.family === 'unix' ? b.config.file : (b.server.address() as AddressInfo) })),
    close: async () => {
      await Promise.all(bound.map(closeBound));
    },
  };
}
