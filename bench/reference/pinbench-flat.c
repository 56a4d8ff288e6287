// pinbench written by hand in C: the "same flat design in C" row of
// pinbench.md's figures, built and run by `npm run bench` as a reference
// (never by the checker). The same encoding, action codes and order as
// pinbench-flat.ts; a breadth-first search over a fixed table of 2^22
// 64-bit keys (open addressing, linear probing; the top bit marks a full
// slot), with a parent link and action index per state. Prints one JSON line.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define NONE (-1)
static uint32_t w0, w1, n0, n1;
#define REF(f) ((w0 >> (1 + 10 * (f))) & 7)
#define MAP(f) ((w0 >> (4 + 10 * (f))) & 3)
#define PIN(f) ((w0 >> (6 + 10 * (f))) & 3)
#define FR(i) ((int)((w1 >> (3 * (i))) & 3) - 1)
#define WR(i) ((w1 >> (3 * (i) + 2)) & 1)
static int alloc_(void) { for (int f = 0; f < 3; f++) if (REF(f) == 0) return f; return NONE; }
static int ok(int v) { int f = FR(v); return f == NONE || (REF(f) < 7 && MAP(f) < 3); }
static int actions(int *out) {
  int m = 0, g = alloc_(), forked = w0 & 1;
  for (int i = 0; i < 4; i++) {
    if (i >= 2 && !forked) continue;
    int f = FR(i);
    if (f == NONE) { if (g != NONE) { out[m++] = i; out[m++] = 4 + i; } continue; }
    int w = WR(i), r = REF(f);
    if (!w && (r == 1 || g != NONE)) out[m++] = 4 + i;
    if (w) out[m++] = 8 + i;
    if (PIN(f) < 3 && r < 7) out[m++] = 12 + i;
    out[m++] = 16 + i;
  }
  for (int f = 0; f < 3; f++) if (PIN(f) > 0) out[m++] = 20 + f;
  if (!forked && ok(0) && ok(1)) out[m++] = 23;
  return m;
}
#define GET0(sh, mask) ((n0 >> (sh)) & (mask))
static inline void set0(int sh, uint32_t mask, uint32_t v) { n0 = (n0 & ~(mask << sh)) | (v << sh); }
#define NREF(f) GET0(1 + 10 * (f), 7)
#define NMAP(f) GET0(4 + 10 * (f), 3)
#define NPIN(f) GET0(6 + 10 * (f), 3)
#define NDATA(f) GET0(9 + 10 * (f), 3)
#define setRef(f, v) set0(1 + 10 * (f), 7, v)
#define setMap(f, v) set0(4 + 10 * (f), 3, v)
#define setPin(f, v) set0(6 + 10 * (f), 3, v)
#define setAx(f, v) set0(8 + 10 * (f), 1, v)
#define setData(f, v) set0(9 + 10 * (f), 3, v)
#define NFR(i) ((int)((n1 >> (3 * (i))) & 3) - 1)
static inline void setFr(int i, int v) { n1 = (n1 & ~(3u << (3 * i))) | ((uint32_t)(v + 1) << (3 * i)); }
static inline void setW(int i, uint32_t v) { n1 = (n1 & ~(1u << (3 * i + 2))) | (v << (3 * i + 2)); }
static int nalloc(void) { for (int f = 0; f < 3; f++) if (NREF(f) == 0) return f; return NONE; }
static void fresh(int g, uint32_t d) { setRef(g, 1); setMap(g, 1); setPin(g, 0); setAx(g, 1); setData(g, d); }
static void dropRef(int f) { uint32_t r = NREF(f) - 1; setRef(f, r); if (r == 0) { setMap(f, 0); setPin(f, 0); setAx(f, 0); setData(f, 0); } }
static void next(int code) {
  n0 = w0; n1 = w1;
  int kind = code >> 2, i = code & 3;
  if (code == 23) {
    n0 |= 1;
    for (int v = 0; v < 2; v++) { int f = NFR(v); setFr(2 + v, f); setW(2 + v, 0); if (f != NONE) { setRef(f, NREF(f) + 1); setMap(f, NMAP(f) + 1); setAx(f, 0); setW(v, 0); } }
    return;
  }
  if (code >= 20) { int f = code - 20; setPin(f, NPIN(f) - 1); dropRef(f); return; }
  if (kind <= 1) {
    int f = NFR(i);
    if (f == NONE) { int g = nalloc(); fresh(g, 0); setFr(i, g); setW(i, kind); return; }
    if (NREF(f) == 1) setAx(f, 1); else { int g = nalloc(); fresh(g, NDATA(f)); setRef(f, NREF(f) - 1); setMap(f, NMAP(f) - 1); setFr(i, g); }
    setW(i, 1); return;
  }
  int f = NFR(i);
  if (kind == 2) { setData(f, (NDATA(f) + 1) % 4); return; }
  if (kind == 3) { setRef(f, NREF(f) + 1); setPin(f, NPIN(f) + 1); return; }
  setMap(f, NMAP(f) - 1); dropRef(f); setFr(i, NONE); setW(i, 0);
}
static int holds(void) {
  for (int f = 0; f < 3; f++) if (NREF(f) != NMAP(f) + NPIN(f)) return 0;
  for (int f = 0; f < 3; f++) { uint32_t c = 0; for (int i = 0; i < 4; i++) if (NFR(i) == f) c++; if (NMAP(f) != c) return 0; }
  for (int i = 0; i < 4; i++) if (((n1 >> (3 * i + 2)) & 1) && (NFR(i) == NONE || NMAP(NFR(i)) != 1 || GET0(8 + 10 * NFR(i), 1) != 1)) return 0;
  return 1;
}
#define SLOTS (1u << 22)
#define FLAG 0x8000000000000000ull
static uint64_t *table;
static inline uint32_t hash(uint64_t k) { k ^= k >> 33; k *= 0xff51afd7ed558ccdull; k ^= k >> 33; k *= 0xc4ceb9fe1a85ec53ull; k ^= k >> 33; return (uint32_t)k & (SLOTS - 1); }
static int insert(uint64_t k) {
  k |= FLAG;
  uint32_t i = hash(k);
  for (;;) { uint64_t e = table[i]; if (e == 0) { table[i] = k; return 1; } if (e == k) return 0; i = (i + 1) & (SLOTS - 1); }
}
/* How many action codes were taken at least once (keeps the counts live). */
static int covered(const uint64_t *cov) { int c = 0; for (int i = 0; i < 24; i++) c += cov[i] > 0; return c; }
/* pinbench has 2,762,054 states: the queue of every state and the links fit MAXSTATES. */
#define MAXSTATES 3000000
int main(void) {
  table = calloc(SLOTS, 8);
  uint64_t *q = malloc(MAXSTATES * 8); int32_t *parent = malloc(MAXSTATES * 4); uint8_t *act = malloc(MAXSTATES);
  if (!table || !q || !parent || !act) { fprintf(stderr, "out of memory\n"); return 2; }
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  size_t n = 0, lo = 0, hi, generated = 0, bad = 0; int acts[32]; uint64_t cov[24] = {0};
  q[n] = 0; parent[n] = -1; act[n] = 0; n++; insert(0);
  while (lo < n) {
    hi = n;
    for (size_t id = lo; id < hi; id++) {
      w0 = (uint32_t)q[id]; w1 = (uint32_t)(q[id] >> 32);
      int na = actions(acts);
      for (int a = 0; a < na; a++) {
        next(acts[a]); generated++; cov[acts[a]]++;
        uint64_t k = (uint64_t)n0 | ((uint64_t)n1 << 32);
        if (insert(k)) { if (n == MAXSTATES) { fprintf(stderr, "more than %d states\n", MAXSTATES); return 2; } q[n] = k; parent[n] = (int32_t)id; act[n] = (uint8_t)a; n++; if (!holds()) bad++; }
      }
    }
    lo = hi;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  double bytes = (double)SLOTS * 8 + (double)n * 5;
  printf("{\"distinct\":%zu,\"transitions\":%zu,\"seconds\":%.6f,\"bytesPerState\":%.2f,\"violations\":%zu,\"covered\":%d}\n", n, generated, s, bytes / n, bad, covered(cov));
  return bad == 0 ? 0 : 1;
}
