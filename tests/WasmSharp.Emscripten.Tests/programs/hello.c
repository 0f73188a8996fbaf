// stdio: printf, puts, putchar, fputs to stderr (not compared), a long line
#include <stdio.h>
#include <string.h>

int main(void) {
  printf("hello, %s! %d %.3f %x\n", "emscripten", 42, 3.14159, 0xbeef);
  puts("puts works");
  for (char c = 'a'; c <= 'e'; c++) putchar(c);
  putchar('\n');
  fputs("this goes to stderr\n", stderr);
  char line[300];
  memset(line, '=', sizeof line - 1);
  line[sizeof line - 1] = 0;
  printf("%s\n", line);
  fflush(stdout);
  return 0;
}
