// time, clock_gettime, gettimeofday, clock and calendar conversion of a fixed instant
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

int main(void) {
  time_t now = time(NULL);
  printf("time after 2020: %s\n", now > 1577836800 ? "yes" : "no");
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  volatile double x = 0;
  for (int i = 0; i < 1000000; i++) x += i;
  clock_gettime(CLOCK_MONOTONIC, &b);
  long long ns = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
  printf("monotonic advances: %s\n", ns >= 0 ? "yes" : "no");
  struct timespec rt;
  clock_gettime(CLOCK_REALTIME, &rt);
  printf("realtime agrees with time(): %s\n", rt.tv_sec - now <= 2 && rt.tv_sec >= now ? "yes" : "no");
  struct timeval tv;
  gettimeofday(&tv, NULL);
  printf("gettimeofday usec in range: %s\n", tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
  printf("clock() non-negative: %s\n", clock() >= 0 ? "yes" : "no");
  time_t fixed = 1700000000;
  struct tm g;
  gmtime_r(&fixed, &g);
  char buf[64];
  strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A", &g);
  printf("gmtime: %s yday=%d\n", buf, g.tm_yday);
  struct tm l;
  localtime_r(&fixed, &l);
  printf("localtime consistent: %s\n", mktime(&l) == fixed ? "yes" : "no");
  printf("timegm round trip: %s\n", timegm(&g) == fixed ? "yes" : "no");
  return 0;
}
