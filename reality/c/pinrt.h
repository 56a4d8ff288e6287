/*
 * pinrt: the runtime of pinspec's reality checks.
 *
 * A generated test is one scenario: numbered steps, each owned by an actor
 * (a process P0, P1, ..., or the coordinator, which plays the device, the
 * pipe reader and the kernel lanes). Every process runs the same scenario
 * code; a step's body runs only in its owner, and only when the shared turn
 * counter says every earlier step of the schedule is done. So the kernel sees
 * the operations in exactly the order of the trace, as in klitmus7's kernel
 * modules, with real system calls as in the kernel's own
 * tools/testing/selftests/mm/cow.c.
 *
 * Operations and the kernel paths they reach:
 *   rt_map_anon      mmap(MAP_PRIVATE|MAP_ANONYMOUS), optionally a PMD THP
 *                    (MADV_HUGEPAGE); faults: do_anonymous_page()
 *   rt_map_file      mmap of an ext4 file in /tmp or of a memfd (shmem),
 *                    MAP_PRIVATE or MAP_SHARED
 *   rt_write/rt_read a byte store/load: do_wp_page(), wp_can_reuse_anon_folio()
 *   rt_fork          fork(): copy_page_range(), page_needs_cow_for_dma()
 *   rt_vmsplice      vmsplice(): plain references (FOLL_GET), a pipe buffer
 *   rt_pin_rw_lt     io_uring fixed buffer: pin_user_pages(FOLL_WRITE |
 *                    FOLL_LONGTERM) in io_sqe_buffer_register()
 *   rt_dma_read/write IORING_OP_WRITE_FIXED / READ_FIXED through that pin
 *   rt_dio_read/write O_DIRECT pread/pwrite: short-term pins (FOLL_PIN)
 *   rt_mprotect, rt_munmap, rt_dontneed, rt_exit
 *
 * Everything that cannot be reached from userspace (plain R/O pins, R/O
 * long-term pins, migration, writeback timing, counter overflow) is reported
 * as a TAP SKIP with its reason by the generator, never faked here.
 *
 * Output is TAP 13: one test per schedule, "ok" when the final condition was
 * observed, "not ok" when it was not, "ok ... # SKIP reason" when a feature
 * is missing. "# observed NAME=VALUE" lines give every observable.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RT_COORD 0		/* the coordinator: device, pipe and kernel lanes */
#define RT_MAX_ACTORS 8
#define RT_MAX_OBS 32
#define RT_MAX_STEPS 64
#define RT_MAX_RES 8		/* pipes, rings, files */
#define RT_TIMEOUT_MS 10000

enum rt_status { RT_RUNNING, RT_FAILED, RT_SKIPPED };

/* The control area: MAP_SHARED, so fork() never COWs it. */
struct rt_shared {
	int turn;		/* futex: steps of the schedule completed */
	int status;		/* enum rt_status */
	int exiting;		/* pid of an actor exiting in this step, or 0 */
	int nsched;
	int sched[RT_MAX_STEPS];	/* the step run at each turn */
	char reason[256];
	long obs[RT_MAX_OBS];
	int obs_set[RT_MAX_OBS];
	uintptr_t pin_addr[RT_MAX_RES];	/* where each fixed buffer starts */
};

struct rt_ring {
	int fd;
	void *sq_ptr, *cq_ptr;
	size_t sq_sz, cq_sz, sqes_sz;
	unsigned *sq_tail, *sq_mask, *sq_array;
	unsigned *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
	int registered;
};

static struct rt_shared *rt_sh;
static int rt_me = RT_COORD;
static long rt_pagesize;
static size_t rt_pmdsize;
static int rt_pagemap_fd = -1;
static int rt_pipes[RT_MAX_RES][2];
static int rt_npipes;
static struct rt_ring rt_rings[RT_MAX_RES];
static int rt_nrings;
static int rt_files[RT_MAX_RES];	/* the test's files: ext4 or memfd */
static int rt_nfiles;
static int rt_scratch = -1;	/* memfd the device lane moves bytes through */
static long rt_deadline_ms;

static inline long rt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Stop the scenario: the first failure or skip wins, every actor exits. */
static inline void rt_stop(int status, const char *fmt, ...)
{
	va_list ap;

	if (__atomic_load_n(&rt_sh->status, __ATOMIC_SEQ_CST) == RT_RUNNING) {
		va_start(ap, fmt);
		vsnprintf(rt_sh->reason, sizeof(rt_sh->reason), fmt, ap);
		va_end(ap);
		__atomic_store_n(&rt_sh->status, status, __ATOMIC_SEQ_CST);
	}
	syscall(SYS_futex, &rt_sh->turn, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	if (rt_me != RT_COORD)
		_exit(0);
}

#define rt_fail(...) rt_stop(RT_FAILED, __VA_ARGS__)
#define rt_skip(...) rt_stop(RT_SKIPPED, __VA_ARGS__)

/* ------------------------------------------------------------------ */
/* Feature detection: each missing feature is a SKIP with its reason.  */

static inline size_t rt_read_ulong_file(const char *path)
{
	char buf[32];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	return strtoul(buf, NULL, 10);
}

/* PFN of the page mapped at addr, 0 when not present or not readable. */
static inline uint64_t rt_pfn(const void *addr)
{
	uint64_t ent;
	off_t off = (off_t)((uintptr_t)addr / rt_pagesize) * 8;

	if (rt_pagemap_fd < 0 ||
	    pread(rt_pagemap_fd, &ent, sizeof(ent), off) != sizeof(ent))
		return 0;
	if (!(ent & (1ULL << 63)))
		return 0;
	return ent & ((1ULL << 55) - 1);
}

static inline int rt_present(const void *addr)
{
	uint64_t ent;
	off_t off = (off_t)((uintptr_t)addr / rt_pagesize) * 8;

	if (rt_pagemap_fd < 0 ||
	    pread(rt_pagemap_fd, &ent, sizeof(ent), off) != sizeof(ent))
		return 0;
	return (ent >> 63) & 1;
}

/*
 * Is there a shared zero page? Read-fault two private anonymous pages and
 * compare their PFNs (as root; PFNs read as 0 otherwise). Skips the scenario
 * when the answer is no or unknown.
 */
static inline void rt_require_zero_page(void)
{
	volatile char *p;
	uint64_t a, b;
	char *mem = mmap(NULL, 2 * rt_pagesize, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (mem == MAP_FAILED)
		rt_fail("mmap: %s", strerror(errno));
	madvise(mem, 2 * rt_pagesize, MADV_NOHUGEPAGE);
	p = mem;
	(void)p[0];
	(void)p[rt_pagesize];
	a = rt_pfn(mem);
	b = rt_pfn(mem + rt_pagesize);
	munmap(mem, 2 * rt_pagesize);
	if (!a || !b)
		rt_skip("cannot read PFNs from /proc/self/pagemap (needs root) to find the shared zero page");
	else if (a != b)
		rt_skip("no shared zero page: two read-faulted anonymous pages have PFNs %#llx and %#llx",
			(unsigned long long)a, (unsigned long long)b);
}

/* ------------------------------------------------------------------ */
/* Scheduling: a step runs when the turn counter reaches it.           */

static inline void rt_reap_exiting(void)
{
	int pid = __atomic_load_n(&rt_sh->exiting, __ATOMIC_SEQ_CST);
	int pfd;
	struct pollfd pf;

	if (!pid)
		return;
	/*
	 * The mm is torn down in exit_mm() before the exit is signalled, so
	 * once the pidfd is readable the exiting actor's mappings are gone.
	 */
	pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pfd >= 0) {
		pf.fd = pfd;
		pf.events = POLLIN;
		if (poll(&pf, 1, RT_TIMEOUT_MS) != 1)
			rt_fail("actor pid %d did not exit", pid);
		close(pfd);
	} else if (errno != ESRCH) {
		rt_fail("pidfd_open: %s", strerror(errno));
	}
	rt_sh->exiting = 0;
	__atomic_add_fetch(&rt_sh->turn, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &rt_sh->turn, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* Wait until `turn` steps are done; the coordinator also completes exits. */
static inline void rt_wait_turn(int turn)
{
	struct timespec ts = { 0, 20 * 1000000L };
	int t;

	for (;;) {
		if (__atomic_load_n(&rt_sh->status, __ATOMIC_SEQ_CST) != RT_RUNNING) {
			if (rt_me != RT_COORD)
				_exit(0);
			return;
		}
		if (rt_me == RT_COORD)
			rt_reap_exiting();
		t = __atomic_load_n(&rt_sh->turn, __ATOMIC_SEQ_CST);
		if (t >= turn)
			return;
		if (rt_now_ms() > rt_deadline_ms)
			rt_fail("timeout waiting for turn %d (at %d)", turn, t);
		syscall(SYS_futex, &rt_sh->turn, FUTEX_WAIT, t, &ts, NULL, 0);
	}
}

/* Should the calling process run `step` of actor `who` now? */
static inline int rt_begin(int step, int who)
{
	int turn;

	if (rt_me != who)
		return 0;
	for (turn = 0; turn < rt_sh->nsched; turn++)
		if (rt_sh->sched[turn] == step)
			break;
	if (turn == rt_sh->nsched)
		return 0;	/* not in this schedule */
	rt_wait_turn(turn);
	return rt_sh->status == RT_RUNNING;
}

/* The step is done (only its owner advances: a forked child does not). */
static inline void rt_end(int who)
{
	if (rt_me != who)
		return;
	__atomic_add_fetch(&rt_sh->turn, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &rt_sh->turn, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

static inline void rt_observe(int slot, long value)
{
	rt_sh->obs[slot] = value;
	rt_sh->obs_set[slot] = 1;
}

/* ------------------------------------------------------------------ */
/* Memory.                                                             */

/* A page of private anonymous memory, or one PMD-sized THP region. */
static inline char *rt_map_anon(int thp, int writable)
{
	char *raw, *mem;
	size_t len = thp ? rt_pmdsize : (size_t)rt_pagesize;
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);

	if (thp && !rt_pmdsize)
		rt_skip("THP not available (no /sys/kernel/mm/transparent_hugepage/hpage_pmd_size)");
	raw = mmap(NULL, thp ? 2 * len : len, prot, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (raw == MAP_FAILED)
		rt_fail("mmap: %s", strerror(errno));
	if (!thp) {
		/* Keep a base page even where THP is "always". */
		madvise(raw, len, MADV_NOHUGEPAGE);
		return raw;
	}
	/* Align to the PMD and give back the slack on both sides. */
	mem = (char *)(((uintptr_t)raw + len - 1) & ~(uintptr_t)(len - 1));
	if (mem > raw)
		munmap(raw, mem - raw);
	munmap(mem + len, raw + len - mem);
	if (madvise(mem, len, MADV_HUGEPAGE))
		rt_skip("MADV_HUGEPAGE: %s", strerror(errno));
	return mem;
}

/* After the first touch of a THP region: did the fault give a THP? */
static inline void rt_expect_thp(const char *mem)
{
	if (!rt_present(mem + rt_pmdsize - rt_pagesize))
		rt_skip("did not get a THP populated (the last subpage is not mapped after the first fault)");
}

static inline size_t rt_len(int thp)
{
	return thp ? rt_pmdsize : (size_t)rt_pagesize;
}

/* The test's file number `i`: an ext4 file in /tmp or a memfd (shmem). */
static inline void rt_file_create(int i, int shmem, int initial)
{
	char path[] = "/tmp/pinrt-XXXXXX";
	char *page = malloc(rt_pagesize);
	int fd;

	if (!page)
		rt_fail("malloc: %s", strerror(errno));
	if (shmem) {
		fd = memfd_create("pinrt", 0);
	} else {
		fd = mkstemp(path);
		if (fd >= 0)
			unlink(path);
	}
	if (fd < 0)
		rt_fail("%s: %s", shmem ? "memfd_create" : "mkstemp", strerror(errno));
	memset(page, initial, rt_pagesize);
	if (pwrite(fd, page, rt_pagesize, 0) != rt_pagesize)
		rt_fail("pwrite: %s", strerror(errno));
	free(page);
	rt_files[i] = fd;
	if (i >= rt_nfiles)
		rt_nfiles = i + 1;
}

static inline char *rt_map_file(int i, int shared, int writable)
{
	int prot = PROT_READ | (writable ? PROT_WRITE : 0);
	char *mem = mmap(NULL, rt_pagesize, prot,
			 shared ? MAP_SHARED : MAP_PRIVATE, rt_files[i], 0);

	if (mem == MAP_FAILED)
		rt_fail("mmap file: %s", strerror(errno));
	return mem;
}

/* What read(2) of the file returns at offset 0: the page cache. */
static inline int rt_file_read(int i)
{
	unsigned char c;

	if (pread(rt_files[i], &c, 1, 0) != 1)
		rt_fail("pread file: %s", strerror(errno));
	return c;
}

static inline void rt_write(char *mem, int value)
{
	*(volatile char *)mem = (char)value;
}

static inline int rt_read(const char *mem)
{
	return *(const volatile unsigned char *)mem;
}

static inline void rt_mprotect(char *mem, size_t len, int writable)
{
	if (mprotect(mem, len, PROT_READ | (writable ? PROT_WRITE : 0)))
		rt_fail("mprotect: %s", strerror(errno));
}

static inline void rt_munmap(char *mem, size_t len)
{
	if (munmap(mem, len))
		rt_fail("munmap: %s", strerror(errno));
}

/* MADV_DONTNEED: zap the PTEs; the next access faults a fresh page. */
static inline void rt_dontneed(char *mem, size_t len)
{
	if (madvise(mem, len, MADV_DONTNEED))
		rt_fail("madvise(MADV_DONTNEED): %s", strerror(errno));
}

/* ------------------------------------------------------------------ */
/* Processes.                                                          */

static inline void rt_fork(int child)
{
	pid_t pid = fork();

	if (pid < 0)
		rt_fail("fork: %s", strerror(errno));
	if (pid == 0) {
		rt_me = child;
		/* /proc/self/pagemap describes the mm of whoever opened it. */
		if (rt_pagemap_fd >= 0)
			close(rt_pagemap_fd);
		rt_pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	}
}

/*
 * The actor exits in this step; the coordinator waits until the exit has
 * torn the mm down (rt_reap_exiting) and then completes the step.
 */
static inline void rt_exit(void)
{
	__atomic_store_n(&rt_sh->exiting, getpid(), __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &rt_sh->turn, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	_exit(0);
}

/* ------------------------------------------------------------------ */
/* vmsplice: the pipe buffer holds plain page references (FOLL_GET).   */

static inline void rt_vmsplice(int pipe_i, char *mem)
{
	struct iovec iov = { .iov_base = mem, .iov_len = rt_pagesize };
	ssize_t n = vmsplice(rt_pipes[pipe_i][1], &iov, 1, 0);

	if (n < 0)
		rt_fail("vmsplice: %s", strerror(errno));
	if (n != rt_pagesize)
		rt_fail("vmsplice: short transfer %zd", n);
}

/* Read what the pipe buffer holds: the first byte of the spliced page. */
static inline int rt_pipe_read(int pipe_i)
{
	struct pollfd pf = { .fd = rt_pipes[pipe_i][0], .events = POLLIN };
	char *buf = malloc(rt_pagesize);
	ssize_t n, total = 0;
	int c;

	if (!buf) {
		rt_fail("malloc: %s", strerror(errno));
		return -1;
	}
	while (total < rt_pagesize) {
		/* An empty pipe is an error of the scenario, not a reason to hang. */
		if (poll(&pf, 1, RT_TIMEOUT_MS) != 1) {
			rt_fail("read pipe: nothing to read");
			free(buf);
			return -1;
		}
		n = read(rt_pipes[pipe_i][0], buf + total, rt_pagesize - total);
		if (n <= 0) {
			rt_fail("read pipe: %s", n ? strerror(errno) : "EOF");
			free(buf);
			return -1;
		}
		total += n;
	}
	c = (unsigned char)buf[0];
	free(buf);
	return c;
}

/* ------------------------------------------------------------------ */
/* io_uring fixed buffers: R/W long-term pins, without liburing.       */

/*
 * The rings are set up by the coordinator before any actor exists, so every
 * actor inherits them: the actor registers its own memory (pin_user_pages()
 * runs on its mm) and the coordinator plays the device through the ring.
 */
static inline void rt_ring_setup(int i)
{
	struct io_uring_params p;
	struct rt_ring *r = &rt_rings[i];
	int fd;

	memset(&p, 0, sizeof(p));
	fd = (int)syscall(__NR_io_uring_setup, 4, &p);
	if (fd < 0)
		rt_skip("io_uring_setup: %s (io_uring disabled or missing)", strerror(errno));
	r->fd = fd;
	r->sq_sz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	r->cq_sz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	r->sqes_sz = p.sq_entries * sizeof(struct io_uring_sqe);
	r->sq_ptr = mmap(NULL, r->sq_sz, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
	r->cq_ptr = mmap(NULL, r->cq_sz, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, r->sqes_sz, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
	if (r->sq_ptr == MAP_FAILED || r->cq_ptr == MAP_FAILED ||
	    r->sqes == MAP_FAILED)
		rt_fail("mmap io_uring rings: %s", strerror(errno));
	r->sq_tail = (unsigned *)((char *)r->sq_ptr + p.sq_off.tail);
	r->sq_mask = (unsigned *)((char *)r->sq_ptr + p.sq_off.ring_mask);
	r->sq_array = (unsigned *)((char *)r->sq_ptr + p.sq_off.array);
	r->cq_head = (unsigned *)((char *)r->cq_ptr + p.cq_off.head);
	r->cq_tail = (unsigned *)((char *)r->cq_ptr + p.cq_off.tail);
	r->cq_mask = (unsigned *)((char *)r->cq_ptr + p.cq_off.ring_mask);
	r->cqes = (struct io_uring_cqe *)((char *)r->cq_ptr + p.cq_off.cqes);
	if (i >= rt_nrings)
		rt_nrings = i + 1;
}

static inline void rt_ring_teardown(int i)
{
	struct rt_ring *r = &rt_rings[i];

	munmap(r->sqes, r->sqes_sz);
	munmap(r->cq_ptr, r->cq_sz);
	munmap(r->sq_ptr, r->sq_sz);
	close(r->fd);
}

/* One SQE, submitted and waited for; returns cqe->res. */
static inline int rt_ring_rw(int i, int op, int fd, char *addr, unsigned len)
{
	struct rt_ring *r = &rt_rings[i];
	unsigned tail = *r->sq_tail, idx = tail & *r->sq_mask, head;
	struct io_uring_sqe *sqe = &r->sqes[idx];
	int ret;

	memset(sqe, 0, sizeof(*sqe));
	sqe->opcode = (unsigned char)op;
	sqe->fd = fd;
	sqe->addr = (uintptr_t)addr;
	sqe->len = len;
	sqe->off = 0;
	sqe->buf_index = 0;
	r->sq_array[idx] = idx;
	__atomic_store_n(r->sq_tail, tail + 1, __ATOMIC_RELEASE);
	ret = (int)syscall(__NR_io_uring_enter, r->fd, 1, 1,
			   IORING_ENTER_GETEVENTS, NULL, 0);
	if (ret < 0)
		rt_fail("io_uring_enter: %s", strerror(errno));
	head = *r->cq_head;
	if (head == __atomic_load_n(r->cq_tail, __ATOMIC_ACQUIRE))
		rt_fail("io_uring: no completion");
	ret = r->cqes[head & *r->cq_mask].res;
	__atomic_store_n(r->cq_head, head + 1, __ATOMIC_RELEASE);
	return ret;
}

/*
 * Register `mem` as fixed buffer of ring i: io_sqe_buffer_register() ->
 * pin_user_pages(FOLL_WRITE | FOLL_LONGTERM). Returns 0 or -errno: the kernel
 * refuses long-term pins of file pages with dirty tracking (EFAULT on ext4
 * MAP_SHARED), which the caller may expect.
 */
static inline int rt_pin_rw_lt(int i, char *mem)
{
	struct iovec iov = { .iov_base = mem, .iov_len = rt_pagesize };

	if (syscall(__NR_io_uring_register, rt_rings[i].fd,
		    IORING_REGISTER_BUFFERS, &iov, 1) < 0)
		return -errno;
	rt_rings[i].registered = 1;
	rt_sh->pin_addr[i] = (uintptr_t)mem;
	return 0;
}

/* unpin_user_pages() of the fixed buffer: io_sqe_buffers_unregister(). */
static inline void rt_unpin_rw_lt(int i)
{
	if (syscall(__NR_io_uring_register, rt_rings[i].fd,
		    IORING_UNREGISTER_BUFFERS, NULL, 0) < 0)
		rt_fail("IORING_UNREGISTER_BUFFERS: %s", strerror(errno));
	rt_rings[i].registered = 0;
}

/* The device reads memory through the pin: WRITE_FIXED to a scratch file. */
static inline int rt_dma_read(int i)
{
	unsigned char c;
	int ret = rt_ring_rw(i, IORING_OP_WRITE_FIXED, rt_scratch,
			     (char *)rt_sh->pin_addr[i], 1);

	if (ret != 1)
		rt_fail("IORING_OP_WRITE_FIXED: %s", ret < 0 ? strerror(-ret) : "short");
	if (pread(rt_scratch, &c, 1, 0) != 1)
		rt_fail("pread scratch: %s", strerror(errno));
	return c;
}

/* The device writes memory through the pin: READ_FIXED from a scratch file. */
static inline void rt_dma_write(int i, int value)
{
	unsigned char c = (unsigned char)value;
	int ret;

	if (pwrite(rt_scratch, &c, 1, 0) != 1)
		rt_fail("pwrite scratch: %s", strerror(errno));
	ret = rt_ring_rw(i, IORING_OP_READ_FIXED, rt_scratch,
			 (char *)rt_sh->pin_addr[i], 1);
	if (ret != 1)
		rt_fail("IORING_OP_READ_FIXED: %s", ret < 0 ? strerror(-ret) : "short");
}

/* ------------------------------------------------------------------ */
/* O_DIRECT: a short-term pin for the duration of one synchronous I/O.  */

static inline int rt_dio_open(void)
{
	char path[] = "/tmp/pinrt-dio-XXXXXX";
	int fd = mkstemp(path), dfd;

	if (fd < 0)
		rt_fail("mkstemp: %s", strerror(errno));
	dfd = open(path, O_RDWR | O_DIRECT);
	unlink(path);
	close(fd);
	if (dfd < 0)
		rt_skip("O_DIRECT not supported on /tmp: %s", strerror(errno));
	return dfd;
}

/*
 * The device writes memory: pread(O_DIRECT) into mem pins the page
 * (FOLL_PIN | FOLL_WRITE, short-term) and DMAs `value` into it.
 */
static inline void rt_dio_read(char *mem, int value)
{
	int fd = rt_dio_open();
	char *buf = mmap(NULL, rt_pagesize, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (buf == MAP_FAILED)
		rt_fail("mmap: %s", strerror(errno));
	memset(buf, value, rt_pagesize);
	if (pwrite(fd, buf, rt_pagesize, 0) != rt_pagesize)
		rt_fail("pwrite O_DIRECT: %s", strerror(errno));
	if (pread(fd, mem, rt_pagesize, 0) != rt_pagesize)
		rt_fail("pread O_DIRECT: %s", strerror(errno));
	munmap(buf, rt_pagesize);
	close(fd);
}

/*
 * The device reads memory: pwrite(O_DIRECT) from mem pins the page
 * (FOLL_PIN, short-term, R/O); returns the byte that reached the disk.
 */
static inline int rt_dio_write(char *mem)
{
	int fd = rt_dio_open();
	unsigned char *buf = mmap(NULL, rt_pagesize, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int c;

	if (buf == MAP_FAILED)
		rt_fail("mmap: %s", strerror(errno));
	if (pwrite(fd, mem, rt_pagesize, 0) != rt_pagesize)
		rt_fail("pwrite O_DIRECT: %s", strerror(errno));
	if (pread(fd, buf, rt_pagesize, 0) != rt_pagesize)
		rt_fail("pread O_DIRECT: %s", strerror(errno));
	c = buf[0];
	munmap(buf, rt_pagesize);
	close(fd);
	return c;
}

/* ------------------------------------------------------------------ */
/* Set-up, one schedule, tear-down.                                    */

static inline void rt_init(int npipes, int nrings, int scratch)
{
	int i;

	rt_pagesize = sysconf(_SC_PAGESIZE);
	rt_pmdsize = rt_read_ulong_file("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size");
	rt_pagemap_fd = open("/proc/self/pagemap", O_RDONLY);
	/* Orphans (an actor whose parent exited) are reaped here. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	rt_sh = mmap(NULL, sizeof(*rt_sh), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rt_sh == MAP_FAILED) {
		printf("Bail out! mmap control area: %s\n", strerror(errno));
		exit(1);
	}
	memset(rt_sh, 0, sizeof(*rt_sh));
	rt_deadline_ms = rt_now_ms() + RT_TIMEOUT_MS;
	for (i = 0; i < npipes; i++)
		if (pipe(rt_pipes[i]))
			rt_fail("pipe: %s", strerror(errno));
	rt_npipes = npipes;
	for (i = 0; i < nrings && rt_sh->status == RT_RUNNING; i++)
		rt_ring_setup(i);
	if (scratch) {
		rt_scratch = memfd_create("pinrt-scratch", 0);
		if (rt_scratch < 0)
			rt_fail("memfd_create: %s", strerror(errno));
	}
}

/* Start a schedule: the coordinator forks the first actor, P0 (actor 1). */
static inline void rt_start(const int *sched, int nsched)
{
	rt_sh->nsched = nsched;
	memcpy(rt_sh->sched, sched, nsched * sizeof(int));
	if (rt_sh->status != RT_RUNNING)
		return;
	rt_fork(1);
}

/*
 * End of the scenario code. An actor waits for the last step, then exits
 * (its mappings go with it); the coordinator waits for every actor.
 */
static inline void rt_finish(void)
{
	int st;

	rt_wait_turn(rt_sh->nsched);
	if (rt_me != RT_COORD)
		_exit(0);
	if (rt_sh->status != RT_RUNNING)
		syscall(SYS_futex, &rt_sh->turn, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
	while (waitpid(-1, &st, 0) > 0 || errno == EINTR)
		;
}

static inline void rt_cleanup(void)
{
	int i;

	for (i = 0; i < rt_nrings; i++) {
		if (rt_rings[i].registered)
			rt_unpin_rw_lt(i);
		rt_ring_teardown(i);
	}
	for (i = 0; i < rt_npipes; i++) {
		close(rt_pipes[i][0]);
		close(rt_pipes[i][1]);
	}
	for (i = 0; i < rt_nfiles; i++)
		close(rt_files[i]);
	if (rt_scratch >= 0)
		close(rt_scratch);
	if (rt_pagemap_fd >= 0)
		close(rt_pagemap_fd);
	munmap(rt_sh, sizeof(*rt_sh));
}

static inline void rt_tap_header(int ntests)
{
	struct utsname u;

	printf("TAP version 13\n1..%d\n", ntests);
	if (!uname(&u))
		printf("# kernel: %s %s %s\n", u.sysname, u.release, u.machine);
	fflush(stdout);
}

/* A generated test: its resources, its scenario and its final condition. */
struct rt_test {
	const char *name;
	int npipes, nrings, scratch;
	void (*setup)(void);		/* files, feature checks */
	void (*scenario)(void);		/* the steps, run by every process */
	int (*condition)(const long *obs);
	const char *const *obs_names;
	int nobs;
};

/*
 * Run test t once, in the order `sched`, as TAP test number n. A fresh
 * coordinator process per schedule keeps schedules independent.
 */
static inline void rt_run(const struct rt_test *t, int n, const char *label,
			  const int *sched, int nsched)
{
	int i, st, observed = 0;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		printf("not ok %d - %s%s: error: fork: %s\n", n, t->name, label,
		       strerror(errno));
		return;
	}
	if (pid > 0) {
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			printf("not ok %d - %s%s: error: coordinator died (status %#x)\n",
			       n, t->name, label, st);
		fflush(stdout);
		return;
	}
	rt_init(t->npipes, t->nrings, t->scratch);
	for (i = 0; i < RT_MAX_OBS; i++)
		rt_sh->obs[i] = -1;
	if (t->setup && rt_sh->status == RT_RUNNING)
		t->setup();
	rt_start(sched, nsched);
	t->scenario();
	if (rt_sh->status == RT_RUNNING)
		observed = t->condition(rt_sh->obs);
	for (i = 0; i < t->nobs; i++)
		if (rt_sh->obs_set[i])
			printf("# observed %s=%ld\n", t->obs_names[i], rt_sh->obs[i]);
	if (rt_sh->status == RT_SKIPPED)
		printf("ok %d - %s%s # SKIP %s\n", n, t->name, label, rt_sh->reason);
	else if (rt_sh->status == RT_FAILED)
		printf("not ok %d - %s%s: error: %s\n", n, t->name, label, rt_sh->reason);
	else
		printf("%sok %d - %s%s: condition %s\n", observed ? "" : "not ",
		       n, t->name, label, observed ? "observed" : "not observed");
	fflush(stdout);
	rt_cleanup();
	exit(0);
}
