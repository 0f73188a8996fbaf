// a Wasm trap inside a try block is not a C++ exception: invoke_* must let it through, and the program ends
#include <cstdio>

__attribute__((noinline)) static void crash(int n) {
  if (n > 0) __builtin_trap();
  std::puts("not reached");
}

int main() {
  std::puts("before the trap");
  try {
    crash(1);
  } catch (...) {
    std::puts("caught a trap: wrong");
  }
  return 0;
}
