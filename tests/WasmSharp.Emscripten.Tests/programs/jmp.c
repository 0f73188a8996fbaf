// setjmp/longjmp: across frames, nested buffers, values, and longjmp(env, 0) (C says setjmp then returns 1;
// emcc 3.1.6's setjmp lowering returns 0, under node and WasmSharp alike)
#include <setjmp.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth;

static void dive(int n) {
  depth = n;
  if (n == 5) longjmp(outer, n * 10);
  dive(n + 1);
}

static void zero(void) { longjmp(inner, 0); }

int main(void) {
  volatile int round = 0;
  int v = setjmp(outer);
  printf("setjmp returned %d (round %d)\n", v, round);
  if (round++ == 0) dive(1);
  printf("depth reached %d\n", depth);

  int w = setjmp(inner);
  if (w == 0) zero();
  printf("longjmp(0) gave %d\n", w);

  volatile int count = 0;
  jmp_buf loop;
  if (setjmp(loop) < 3) { count++; longjmp(loop, count); }
  printf("looped %d times\n", count);
  return 0;
}
