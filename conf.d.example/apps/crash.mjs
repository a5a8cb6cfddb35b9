// Demo of a broken job: it fails at once, every time.
console.error('crash.mjs: cannot connect to the queue (this demo always fails)');
process.exit(3);
