// argc/argv and the environment the host passes in
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
  const char *g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  const char *m = getenv("WASMSHARP_MISSING");
  printf("WASMSHARP_MISSING=%s\n", m ? m : "(unset)");
  return 0;
}
