// a non-zero return from main is the exit code
#include <stdio.h>

int main(void) {
  puts("main returns 7");
  return 7;
}
