// Every scenario, in the order `npm run bench` runs them. Add new ones here.
import type { Scenario } from '../lib/types.js';
import { crashLoopCpu } from './crash-loop-cpu.js';
import { ctlStatus1000 } from './ctl-status-1000.js';
import { idle1000 } from './idle-1000.js';
import { rereadUpdateAdd200 } from './reread-update-add-200.js';
import { restartLatency } from './restart-latency.js';
import { start1000 } from './start-1000.js';
import { updateRemove200 } from './update-remove-200.js';
// issue 6
import { idle0100 } from './idle-0-100.js';
import { logThroughput } from './log-throughput.js';
import { massStart } from './mass-start.js';
import { restartUnderLoad } from './restart-under-load.js';
import { soak1000 } from './soak-1000.js';
import { stopAll } from './stop-all.js';

export const SCENARIOS: readonly Scenario[] = [
  restartLatency, crashLoopCpu, idle1000, start1000, ctlStatus1000, rereadUpdateAdd200, updateRemove200,
  massStart, idle0100, logThroughput, stopAll, restartUnderLoad, soak1000,
];
