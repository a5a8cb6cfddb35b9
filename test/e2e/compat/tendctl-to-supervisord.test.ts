// tendctl against the real supervisord (XML-RPC, as with any stock server) must print what
// supervisorctl prints against it. Next to tendctl-vs-supervisorctl.test.ts this tells a tendctl
// bug from a tendd bug: a scenario failing only there points at tendd (or tendctl's JSON-RPC path).
// Until packages/ctl/dist/main.js exists every scenario fails with that reason (not a skip).
//   node --import tsx --test test/e2e/compat/tendctl-to-supervisord.test.ts
import { registerCompatSuite } from '../../helpers/compat/suite.js';
import { SUPERVISORD, TENDCTL_CLI } from '../../helpers/compat/targets.js';

registerCompatSuite({
  title: 'tendctl → supervisord matches supervisorctl → supervisord',
  subject: { daemon: SUPERVISORD, cli: TENDCTL_CLI },
});
