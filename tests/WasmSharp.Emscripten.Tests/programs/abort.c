// abort() after output: the output stays, the program ends with SIGABRT's code
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  puts("before abort");
  abort();
}
