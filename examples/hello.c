// WASI hello world: the README's "main job". Build with Debian's clang and wasi-libc:
//   clang --target=wasm32-wasi -O2 -Wl,--strip-debug -o hello.wasm hello.c   (packages: clang lld wasi-libc libclang-rt-14-dev-wasm32)
#include <stdio.h>

int main(int argc, char **argv) {
    printf("Hello, WebAssembly! (from %s)\n", argc > 0 ? argv[0] : "wasm");
    return 0;
}
