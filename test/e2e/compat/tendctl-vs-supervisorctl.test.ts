// tendctl against tendd must print what supervisorctl prints against supervisord (stdout is a
// pipe here, so exact lines are expected), command by command, with the same exit statuses.
// Until packages/ctl/dist/main.js exists every scenario fails with that reason (not a skip).
//   node --import tsx --test test/e2e/compat/tendctl-vs-supervisorctl.test.ts
import { registerCompatSuite } from '../../helpers/compat/suite.js';
import { TENDCTL_CLI, TENDD_DAEMON } from '../../helpers/compat/targets.js';

registerCompatSuite({
  title: 'tendctl → tendd matches supervisorctl → supervisord',
  subject: { daemon: TENDD_DAEMON, cli: TENDCTL_CLI },
});
