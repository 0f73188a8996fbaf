// `yes` as most C programs write it: print forever and never look at puts's result. Natively SIGPIPE ends it when
// the reader goes away (`yes | head -1`); under WASI there are no signals, so the runtime must end it.
// Build: ./build.sh (Debian packages clang lld wasi-libc libclang-rt-14-dev-wasm32)
#include <stdio.h>

int main(void) {
    while (1) puts("y");
}
