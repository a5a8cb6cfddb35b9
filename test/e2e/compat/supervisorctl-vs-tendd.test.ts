// The real /usr/bin/supervisorctl, unchanged, against tendd: every scenario's cleaned transcript
// must equal supervisorctl's against the real supervisord (spec §6, §7, Appendix B), except for
// the differences a scenario declares with their reason.
//   node --import tsx --test test/e2e/compat/supervisorctl-vs-tendd.test.ts
//   node --import tsx --test --test-name-pattern='^status-every-state:' test/e2e/compat/supervisorctl-vs-tendd.test.ts
import { registerCompatSuite } from '../../helpers/compat/suite.js';
import { SUPERVISORCTL, TENDD_DAEMON } from '../../helpers/compat/targets.js';

registerCompatSuite({
  title: 'supervisorctl → tendd matches supervisorctl → supervisord',
  subject: { daemon: TENDD_DAEMON, cli: SUPERVISORCTL },
});
