// Self-check of the compat scenarios: supervisorctl → supervisord twice, in two temp dirs. A
// scenario that does not match itself here cannot prove anything about tend, so run this after
// adding or changing a scenario. Opt-in (it doubles the reference runs):
//   TEND_COMPAT_DETERMINISM=1 node --import tsx --test test/e2e/compat/supervisord-determinism.test.ts
import { test } from 'node:test';
import { REFERENCE, registerCompatSuite } from '../../helpers/compat/suite.js';

if (process.env['TEND_COMPAT_DETERMINISM'] === '1') {
  registerCompatSuite({ title: 'supervisorctl → supervisord, run twice (scenario determinism)', subject: REFERENCE });
} else {
  test('compat scenarios are deterministic against supervisord (opt-in: TEND_COMPAT_DETERMINISM=1)', (t) => {
    t.skip('opt-in self-check of the scenarios; set TEND_COMPAT_DETERMINISM=1 to run it');
  });
}
