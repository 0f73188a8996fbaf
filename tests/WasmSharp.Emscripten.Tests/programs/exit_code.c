// exit() with a status from a nested call: the status becomes the process exit code
#include <stdio.h>
#include <stdlib.h>

static void finish(int status) {
  printf("exiting with %d\n", status);
  fflush(stdout);
  exit(status);
}

int main(void) {
  finish(3);
  puts("not reached");
  return 0;
}
