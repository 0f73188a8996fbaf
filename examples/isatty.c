// Reports what wasi-libc concludes about the standard streams: one line per descriptor, "fd N: tty" or
// "fd N: not a tty", to stderr so it works whatever stdout is. Build: ./build.sh
#include <stdio.h>
#include <unistd.h>

int main(void) {
    for (int fd = 0; fd <= 2; fd++) fprintf(stderr, "fd %d: %s\n", fd, isatty(fd) ? "tty" : "not a tty");
    return 0;
}
