export * from './states.js';
export * from './faults.js';
