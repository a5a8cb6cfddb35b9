export * from './states.js';
export * from './faults.js';
export * from './events.js';
export * from './getopt.js';
