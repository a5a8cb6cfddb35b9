/*
 * The log-throughput and stop-all scenarios' helper program (compiled into bench/out/streamer).
 *
 * The stream it writes is deterministic and self-describing: it is a sequence of REC-byte
 * records, the record at stream offset o being  "%015x" of o, then REC-16 '.' bytes, then '\n'.
 * So any surviving piece of the stream says where it came from, and can be checked byte for byte.
 *
 *   streamer write TOTAL CHUNK REC FILE   write TOTAL bytes of the stream to stdout, CHUNK bytes per
 *                                         write(2); append "S <ns> <pid>" before the first write and
 *                                         "E <ns> <pid>" after the last one to FILE (as probe.c does)
 *   streamer check REC TOTAL FILE...      read FILE... concatenated (oldest first), find which stream
 *                                         offset they start at, compare every byte with the stream;
 *                                         prints one line: start=S landed=L mismatches=M first_bad=X
 *   streamer ignoreterm                   ignore SIGTERM (and SIGINT, SIGHUP), then pause() forever
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char HEX[] = "0123456789abcdef";

/* Fill buf with the stream's bytes [off, off+len). */
static void fill(unsigned char *buf, unsigned long long off, size_t len, unsigned rec) {
  size_t i = 0;
  unsigned char r[256];
  while (i < len) {
    unsigned long long pos = off + i;
    unsigned long long start = pos - pos % rec;
    unsigned long long v = start;
    size_t in = (size_t)(pos - start);
    size_t n = rec - in;
    int k;
    for (k = 14; k >= 0; k--) { r[k] = (unsigned char)HEX[v & 15]; v >>= 4; }
    memset(r + 15, '.', rec - 16);
    r[rec - 1] = '\n';
    if (n > len - i) n = len - i;
    memcpy(buf + i, r + in, n);
    i += n;
  }
}

static void record(const char *file, char kind) {
  struct timespec ts;
  char line[64];
  int n, fd;
  clock_gettime(CLOCK_REALTIME, &ts);
  n = snprintf(line, sizeof line, "%c %lld%09ld %ld\n", kind, (long long)ts.tv_sec, ts.tv_nsec, (long)getpid());
  fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (write(fd, line, (size_t)n) < 0) { /* nothing useful to do */ }
  close(fd);
}

static int do_write(unsigned long long total, size_t chunk, unsigned rec, const char *file) {
  unsigned char *buf = malloc(chunk);
  unsigned long long off = 0;
  if (buf == NULL) return 1;
  record(file, 'S');
  while (off < total) {
    size_t len = chunk;
    size_t done = 0;
    if (len > total - off) len = (size_t)(total - off);
    fill(buf, off, len, rec);
    while (done < len) {
      ssize_t w = write(1, buf + done, len - done);
      if (w < 0) {
        if (errno == EINTR) continue;
        perror("streamer: write");
        return 1;
      }
      done += (size_t)w;
    }
    off += len;
  }
  record(file, 'E');
  return 0;
}

static int do_check(unsigned rec, unsigned long long total, int nfiles, char **files) {
  const size_t BLK = 1 << 20;
  unsigned char *got = malloc(BLK), *want = malloc(BLK);
  unsigned long long landed = 0, start = 0, mismatches = 0, first_bad = 0;
  int have_start = 0, f;
  if (got == NULL || want == NULL) return 1;
  for (f = 0; f < nfiles; f++) {
    int fd = open(files[f], O_RDONLY);
    if (fd < 0) { perror(files[f]); return 1; }
    for (;;) {
      ssize_t n = read(fd, got, BLK);
      size_t i;
      if (n < 0) { perror(files[f]); return 1; }
      if (n == 0) break;
      if (!have_start) {
        /* The first '\n' ends a (maybe partial) record; the next record names its own offset. */
        unsigned long long v = 0;
        size_t p = 0;
        while (p < (size_t)n && got[p] != '\n') p++;
        if (p + 16 > (size_t)n) { fprintf(stderr, "streamer check: no full record in the first block\n"); return 1; }
        for (i = p + 1; i < p + 16; i++) {
          const char *h = strchr(HEX, got[i]);
          if (h == NULL || got[i] == 0) { fprintf(stderr, "streamer check: not a record at byte %zu\n", p + 1); return 1; }
          v = v * 16 + (unsigned long long)(h - HEX);
        }
        start = v - (p + 1);
        have_start = 1;
      }
      fill(want, start + landed, (size_t)n, rec);
      if (memcmp(got, want, (size_t)n) != 0) {
        for (i = 0; i < (size_t)n; i++) {
          if (got[i] != want[i]) {
            if (mismatches == 0) first_bad = landed + i;
            mismatches++;
          }
        }
      }
      landed += (unsigned long long)n;
    }
    close(fd);
  }
  printf("start=%llu landed=%llu mismatches=%llu first_bad=%llu total=%llu\n", start, landed, mismatches, first_bad, total);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 6 && strcmp(argv[1], "write") == 0) {
    unsigned rec = (unsigned)atoi(argv[4]);
    if (rec < 16 || rec > 256) { fprintf(stderr, "streamer: REC must be 16..256\n"); return 2; }
    return do_write(strtoull(argv[2], NULL, 10), (size_t)strtoull(argv[3], NULL, 10), rec, argv[5]);
  }
  if (argc >= 5 && strcmp(argv[1], "check") == 0) {
    return do_check((unsigned)atoi(argv[2]), strtoull(argv[3], NULL, 10), argc - 4, argv + 4);
  }
  if (argc == 2 && strcmp(argv[1], "ignoreterm") == 0) {
    signal(SIGTERM, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    for (;;) pause();
  }
  fprintf(stderr, "usage: streamer write TOTAL CHUNK REC FILE | streamer check REC TOTAL FILE... | streamer ignoreterm\n");
  return 2;
}
