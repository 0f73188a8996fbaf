// prints the file named by argv[1], or why it cannot: the sandbox tests point it outside the mapped directory
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) { puts("usage: cat FILE"); return 2; }
  FILE *f = fopen(argv[1], "r");
  if (!f) { printf("cannot open %s: %s\n", argv[1], strerror(errno)); return 1; }
  char buf[256];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
  fclose(f);
  return 0;
}
