// heap growth past 100 MB: needs -sALLOW_MEMORY_GROWTH; each block is touched and summed
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK (1 << 20)
#define BLOCKS 160

int main(void) {
  unsigned char *blocks[BLOCKS];
  for (int i = 0; i < BLOCKS; i++) {
    blocks[i] = malloc(BLOCK);
    if (!blocks[i]) { printf("malloc failed at %d MB\n", i); return 1; }
    memset(blocks[i], i & 0xff, BLOCK);
  }
  unsigned long long sum = 0;
  for (int i = 0; i < BLOCKS; i++)
    for (int j = 0; j < BLOCK; j += 4096) sum += blocks[i][j];
  printf("allocated %d MB, checksum %llu\n", BLOCKS, sum);
  for (int i = 0; i < BLOCKS; i++) free(blocks[i]);
  void *big = malloc(200u << 20);
  printf("one 200 MB block: %s\n", big ? "ok" : "failed");
  free(big);
  return 0;
}
