/*
 * The benchmark's supervised program. Its timestamps are CLOCK_REALTIME in nanoseconds, taken
 * as the very first act of main() and right before exit, and appended to FILE as one line per
 * event with a single write(2) on an O_APPEND fd:  "S <ns> <pid>\n"  /  "E <ns> <pid>\n".
 *
 *   probe run MS CODE FILE   record S, sleep MS milliseconds, record E, exit CODE
 *   probe exit CODE FILE     record S, exit CODE at once (no E: start and exit are the same instant)
 *   probe sleep [FILE]       record S (when FILE is given), then pause() until a signal ends it
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void record(const char *file, char kind, const struct timespec *ts) {
  char line[64];
  int n;
  int fd;
  if (file == NULL) return;
  n = snprintf(line, sizeof line, "%c %lld%09ld %ld\n", kind, (long long)ts->tv_sec, ts->tv_nsec, (long)getpid());
  fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (write(fd, line, (size_t)n) < 0) { /* nothing useful to do */ }
  close(fd);
}

int main(int argc, char **argv) {
  struct timespec start;
  clock_gettime(CLOCK_REALTIME, &start);
  if (argc >= 5 && strcmp(argv[1], "run") == 0) {
    long ms = atol(argv[2]);
    struct timespec nap = { ms / 1000, (ms % 1000) * 1000000L };
    struct timespec end;
    record(argv[4], 'S', &start);
    while (nanosleep(&nap, &nap) != 0) { /* resume after a signal */ }
    clock_gettime(CLOCK_REALTIME, &end);
    record(argv[4], 'E', &end);
    return atoi(argv[3]);
  }
  if (argc >= 4 && strcmp(argv[1], "exit") == 0) {
    record(argv[3], 'S', &start);
    return atoi(argv[2]);
  }
  if (argc >= 2 && strcmp(argv[1], "sleep") == 0) {
    record(argc >= 3 ? argv[2] : NULL, 'S', &start);
    for (;;) pause();
  }
  fprintf(stderr, "usage: probe run MS CODE FILE | probe exit CODE FILE | probe sleep [FILE]\n");
  return 2;
}
