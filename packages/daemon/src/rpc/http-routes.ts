// The routes of one server, in Medusa's order (spec §7.1): `/RPC2…` XML-RPC (POST only, else
// 400), `/rpc` JSON-RPC (tend; POST only), `/logtail…` and `/mainlogtail…` (GET only, else
// 400), anything else 404 (tend has no web UI). With a username configured every request,
// 404s included, first needs valid Basic credentials: else 401 (+ `Connection: close`,
// `WWW-Authenticate: Basic realm="default"`), or 400 for undecodable ones.
import type { Authorizer } from './auth.js';
import type { Dispatch } from './dispatch.js';
import type { HttpRequest, RequestHandler } from './http-connection.js';
import type { RequestHead } from './http-request.js';
import { errorReply, type Reply, type ResponseReply } from './http-reply.js';
import { handleJsonRpc } from './jsonrpc-route.js';
import { handleLogtail, handleMainLogtail, type LogtailSources } from './logtail-route.js';
import type { RpcLog } from './rpc-log.js';
import { handleXmlRpc } from './xmlrpc-route.js';

export interface RouteOptions {
  readonly authorize: Authorizer;
  readonly dispatch: Dispatch;
  readonly logtail: LogtailSources;
  readonly log: RpcLog;
}

const UNAUTHORIZED = errorReply(401, [['Connection', 'close'], ['WWW-Authenticate', 'Basic realm="default"']], true);

function pathOf(uri: string): string {
  const q = uri.indexOf('?');
  return q === -1 ? uri : uri.slice(0, q);
}

export function createRequestHandler(options: RouteOptions): RequestHandler {
  const { authorize, dispatch, logtail, log } = options;
  return {
    check(head: RequestHead): ResponseReply | null {
      const verdict = authorize(head.headers.get('authorization'));
      if (verdict === 'ok') return null;
      return verdict === 'malformed' ? errorReply(400, [], true) : UNAUTHORIZED;
    },
    async handle(request: HttpRequest): Promise<Reply> {
      const { uri, method } = request;
      if (uri.startsWith('/RPC2')) return method === 'POST' ? handleXmlRpc(request, dispatch, log) : errorReply(400);
      if (pathOf(uri) === '/rpc') return method === 'POST' ? handleJsonRpc(request, dispatch, log) : errorReply(400);
      if (uri.startsWith('/logtail')) return method === 'GET' ? handleLogtail(request, logtail, log) : errorReply(400);
      if (uri.startsWith('/mainlogtail')) return method === 'GET' ? handleMainLogtail(logtail, log) : errorReply(400);
      return errorReply(404);
    },
  };
}
