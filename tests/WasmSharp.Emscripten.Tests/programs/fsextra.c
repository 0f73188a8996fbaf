// more of the file system: dup/dup2, truncate, chmod, symlinks, pread/pwrite, utimes, poll,
// fchdir, access, and the errors POSIX names for common mistakes
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static long long size_of(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static void err(const char *what, int rc) { printf("%s: %d %s\n", what, rc, rc < 0 ? strerror(errno) : "ok"); }

int main(void) {
  mkdir("/data", 0777);
  int fd = open("/data/f.txt", O_CREAT | O_RDWR | O_TRUNC, 0666);
  write(fd, "0123456789", 10);
  // emcc 3.1.6's glue reopens the file for dup (its own offset); POSIX and WasmSharp share it: print neither
  int d = dup(fd);
  char c;
  printf("dup reads: %zd\n", (lseek(d, 3, SEEK_SET), read(d, &c, 1)));
  int d2 = dup2(fd, 20);
  printf("dup2 gives 20: %d\n", d2);
  close(d);
  close(d2);

  printf("pwrite: %zd\n", pwrite(fd, "AB", 2, 4));
  char buf[16] = {0};
  printf("pread: %zd %s\n", pread(fd, buf, 6, 2), buf);
  printf("ftruncate: %d size %lld\n", ftruncate(fd, 4), size_of("/data/f.txt"));
  printf("truncate: %d size %lld\n", truncate("/data/f.txt", 100), size_of("/data/f.txt"));
  printf("read at end: %zd\n", (lseek(fd, 0, SEEK_END), read(fd, buf, 4)));
  printf("fsync: %d, fdatasync: %d\n", fsync(fd), fdatasync(fd));
  close(fd);

  struct stat st;
  printf("chmod: %d\n", chmod("/data/f.txt", 0640));
  stat("/data/f.txt", &st);
  printf("mode: %o\n", st.st_mode & 0777);
  struct timeval tv[2] = {{1000000000, 0}, {1234567890, 0}};
  printf("utimes: %d\n", utimes("/data/f.txt", tv));
  stat("/data/f.txt", &st);
  printf("mtime: %lld\n", (long long)st.st_mtime);

  printf("symlink: %d\n", symlink("f.txt", "/data/link"));
  // the glue's readlink returns the resolved absolute path ("/data/f.txt"); POSIX and WasmSharp the link's text
  char target[64] = {0};
  printf("readlink ends in f.txt: %d\n", readlink("/data/link", target, sizeof target - 1) > 0 && strstr(target, "f.txt") != NULL);
  lstat("/data/link", &st);
  printf("lstat is link: %d\n", S_ISLNK(st.st_mode));
  printf("stat through link size: %lld\n", size_of("/data/link"));

  struct pollfd p = {1, POLLOUT, 0};
  printf("poll stdout: %d revents %d\n", poll(&p, 1, 0), p.revents);

  mkdir("/data/dir", 0755);
  int dfd = open("/data/dir", O_RDONLY | O_DIRECTORY);
  printf("fchdir: %d\n", fchdir(dfd));
  char cwd[64];
  printf("cwd: %s\n", getcwd(cwd, sizeof cwd));
  close(dfd);
  chdir("/");

  printf("access W_OK: %d\n", access("/data/f.txt", W_OK));
  err("O_EXCL on existing", open("/data/f.txt", O_CREAT | O_EXCL | O_WRONLY, 0666));
  err("opendir on a file", opendir("/data/f.txt") ? 0 : -1);
  int x = open("/data/dir/x", O_CREAT | O_WRONLY, 0666);
  close(x);
  err("rmdir non-empty", rmdir("/data/dir"));
  err("unlink a directory", unlink("/data/dir"));
  err("rename over a file", rename("/data/dir/x", "/data/f.txt"));
  printf("size after rename: %lld\n", size_of("/data/f.txt"));
  err("read a closed fd", (int)read(x, buf, 1));

  unlink("/data/link");
  unlink("/data/f.txt");
  rmdir("/data/dir");
  return 0;
}
