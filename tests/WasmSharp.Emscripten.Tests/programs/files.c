// files in a mapped directory /data: create, write, read, seek, stat, readdir, rename, unlink, mkdir, rmdir,
// and paths that try to leave /data
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) { printf("opendir %s failed\n", dir); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(void) {
  mkdir("/data", 0777); // exists when mapped; made in memory under node
  FILE *f = fopen("/data/notes.txt", "w");
  if (!f) { printf("fopen for writing failed: %s\n", strerror(errno)); return 1; }
  fprintf(f, "first line\nsecond line\n");
  fclose(f);

  f = fopen("/data/notes.txt", "a+");
  fputs("third line\n", f);
  fseek(f, 0, SEEK_SET);
  char line[64];
  while (fgets(line, sizeof line, f)) printf("read: %s", line);
  printf("size by ftell: %ld\n", ftell(f));
  fclose(f);

  struct stat st;
  if (stat("/data/notes.txt", &st) == 0)
    printf("stat: size %lld, regular %d, dir %d\n", (long long)st.st_size, S_ISREG(st.st_mode), S_ISDIR(st.st_mode));
  printf("mkdir sub: %d\n", mkdir("/data/sub", 0755));
  printf("stat sub is dir: %d\n", stat("/data/sub", &st) == 0 && S_ISDIR(st.st_mode));

  int fd = open("/data/sub/raw.bin", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  unsigned char bytes[256];
  for (int i = 0; i < 256; i++) bytes[i] = (unsigned char)i;
  printf("write raw: %zd\n", write(fd, bytes, sizeof bytes));
  close(fd);
  fd = open("/data/sub/raw.bin", O_RDONLY);
  printf("lseek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  lseek(fd, 100, SEEK_SET);
  unsigned char got[4];
  printf("read raw: %zd -> %d %d %d %d\n", read(fd, got, 4), got[0], got[1], got[2], got[3]);
  close(fd);

  list("/data");
  printf("rename: %d\n", rename("/data/notes.txt", "/data/sub/moved.txt"));
  printf("old name gone: %d\n", access("/data/notes.txt", F_OK) != 0 && errno == ENOENT);
  list("/data/sub");

  printf("chdir: %d\n", chdir("/data/sub"));
  char cwd[256];
  printf("cwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(failed)");
  f = fopen("moved.txt", "r");
  printf("relative open: %s\n", f && fgets(line, sizeof line, f) ? line : "failed\n");
  if (f) fclose(f);
  chdir("/");

  printf("escape with ..: %s\n", fopen("/data/../../../etc/passwd", "r") ? "OPENED" : "refused");
  printf("missing file errno ENOENT: %d\n", open("/data/nope.txt", O_RDONLY) < 0 && errno == ENOENT);

  printf("unlink moved: %d\n", unlink("/data/sub/moved.txt"));
  printf("unlink raw: %d\n", unlink("/data/sub/raw.bin"));
  printf("rmdir sub: %d\n", rmdir("/data/sub"));
  list("/data");
  return 0;
}
