// a C++ exception nobody catches ends the program like abort()
#include <cstdio>
#include <stdexcept>

int main() {
  std::puts("about to throw");
  throw std::runtime_error("nobody catches this");
}
