// C++ exceptions: throw/catch by type, nested try, rethrow, catch(...), destructors while unwinding
#include <cstdio>
#include <stdexcept>
#include <string>

struct Noisy {
  const char *name;
  explicit Noisy(const char *n) : name(n) { std::printf("construct %s\n", name); }
  ~Noisy() { std::printf("destroy %s\n", name); }
};

struct MyError {
  int code;
};

static void thrower(int kind) {
  Noisy n("in thrower");
  if (kind == 0) throw std::runtime_error("runtime failure");
  if (kind == 1) throw MyError{42};
  if (kind == 2) throw 7;
  std::printf("no throw\n");
}

static void rethrower() {
  try {
    thrower(1);
  } catch (MyError &e) {
    std::printf("caught MyError %d, rethrowing\n", e.code);
    e.code++;
    throw;
  }
}

int main() {
  for (int kind = 0; kind < 4; kind++) {
    try {
      thrower(kind);
      std::printf("kind %d completed\n", kind);
    } catch (const std::exception &e) {
      std::printf("caught std::exception: %s\n", e.what());
    } catch (const MyError &e) {
      std::printf("caught MyError %d\n", e.code);
    } catch (...) {
      std::printf("caught something else\n");
    }
  }
  try {
    try {
      rethrower();
    } catch (MyError &e) {
      std::printf("outer caught MyError %d\n", e.code);
      throw std::logic_error("converted");
    }
  } catch (const std::logic_error &e) {
    std::printf("caught logic_error: %s\n", e.what());
  }
  try {
    std::string s("abc");
    s.at(10);
  } catch (const std::out_of_range &e) {
    std::printf("caught out_of_range\n");
  }
  return 0;
}
