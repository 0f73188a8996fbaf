// Prints N numbered lines (default 2,000,000) with printf: measures how stdout is buffered when it is not a terminal
// (wasi-libc line-buffers only when fd_fdstat_get says the descriptor is a terminal).
// Build: ./build.sh
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 2000000;
    for (long i = 0; i < n; i++) printf("line %ld\n", i);
    return 0;
}
