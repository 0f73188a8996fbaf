// random bytes: getentropy and /dev/urandom; prints only properties that hold for any good source
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int nonzero(const unsigned char *b, int n) {
  for (int i = 0; i < n; i++) if (b[i]) return 1;
  return 0;
}

int main(void) {
  unsigned char a[32], b[32];
  memset(a, 0, sizeof a);
  memset(b, 0, sizeof b);
  printf("getentropy: %d\n", getentropy(a, sizeof a));
  printf("getentropy again: %d\n", getentropy(b, sizeof b));
  printf("bytes present: %s, differ: %s\n", nonzero(a, 32) ? "yes" : "no", memcmp(a, b, 32) ? "yes" : "no");
  FILE *f = fopen("/dev/urandom", "rb");
  if (!f) { puts("no /dev/urandom"); return 1; }
  unsigned char c[64];
  size_t n = fread(c, 1, sizeof c, f);
  fclose(f);
  printf("urandom read %zu bytes, present: %s\n", n, nonzero(c, 64) ? "yes" : "no");
  return 0;
}
