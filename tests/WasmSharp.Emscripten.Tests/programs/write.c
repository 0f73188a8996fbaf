// writes argv[2] and a newline to the file argv[1]: the sandbox tests look for it on the host
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 3) { puts("usage: write FILE TEXT"); return 2; }
  FILE *f = fopen(argv[1], "w");
  if (!f) { printf("cannot write %s: %s\n", argv[1], strerror(errno)); return 1; }
  fprintf(f, "%s\n", argv[2]);
  fclose(f);
  printf("wrote %s\n", argv[1]);
  return 0;
}
