// Demo queue worker: logs a job to stdout every second and a warning to stderr every fifth job.
let job = 0;
const timer = setInterval(() => {
  job++;
  console.log(`processed job ${job}`);
  if (job % 5 === 0) console.error(`warning: job ${job} took longer than expected`);
}, 1000);
process.on('SIGTERM', () => {
  clearInterval(timer);
  console.log('worker stopping');
  process.exit(0);
});
