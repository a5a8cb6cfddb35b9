// Every compatibility scenario, in the order the suite runs them.
import type { Scenario } from '../scenario.js';
import { AUTH_SCENARIOS } from './auth.js';
import { CONFIG_SCENARIOS } from './config.js';
import { CONNECTION_SCENARIOS } from './connection.js';
import { CONTROL_SCENARIOS } from './control.js';
import { LIFECYCLE_SCENARIOS } from './lifecycle.js';
import { LOG_SCENARIOS } from './logs.js';
import { MISC_SCENARIOS } from './misc.js';
import { SIGNAL_SCENARIOS } from './signal.js';
import { STATUS_SCENARIOS } from './status.js';

export const SCENARIOS: readonly Scenario[] = [
  ...STATUS_SCENARIOS,
  ...CONTROL_SCENARIOS,
  ...SIGNAL_SCENARIOS,
  ...LOG_SCENARIOS,
  ...CONFIG_SCENARIOS,
  ...LIFECYCLE_SCENARIOS,
  ...AUTH_SCENARIOS,
  ...CONNECTION_SCENARIOS,
  ...MISC_SCENARIOS,
];

const seen = new Set<string>();
for (const s of SCENARIOS) {
  if (!/^[a-z0-9-]+$/.test(s.name)) throw new Error(`compat scenario name must be kebab-case: ${s.name}`);
  if (seen.has(s.name)) throw new Error(`duplicate compat scenario name ${s.name}`);
  seen.add(s.name);
}
