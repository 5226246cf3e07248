/* Live processes: stop every thread with ptrace (PTRACE_SEIZE, then
 * PTRACE_INTERRUPT), take their registers, copy the memory the walkers need
 * (process_vm_readv in batches, /proc/PID/mem as a fallback), detach, and
 * serve the copies as GM_SEG_LIVE segments. The target is never written to.
 *
 * Never leave the target stopped: every exit path detaches; SIGINT, SIGTERM
 * and SIGHUP of gomortem detach then end gomortem; a watchdog (SIGALRM)
 * detaches and ends gomortem when the stop lasts too long; if gomortem is
 * killed with SIGKILL, the kernel detaches its tracees and they run on. */
#include "gm_live.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LIVE_PRIO 10
#define MAX_THREADS 65536
#define MAX_ROUNDS 64
#define MAX_WANTS (16u << 20)
#define MAX_WANT_LEN (1ull << 32)     /* one range: 4 GiB */
#define MAX_FILE (64u << 20)          /* /proc text files */
#define MERGE_GAP 256                 /* queued ranges closer than this are read as one */
#define BATCH_IOV 1024                /* IOV_MAX */
#define DEFAULT_WATCHDOG_MS 2000

_Static_assert(sizeof(struct gm_regs) == sizeof(struct user_regs_struct), "gm_regs must match user_regs_struct");

struct block {
	uint64_t addr, len, got; /* got: valid prefix */
	uint8_t *data;
};

struct round {
	struct block *b;
	size_t n;
	uint8_t *buf;
	size_t buflen;
};

struct want {
	uint64_t addr, len;
};

struct zero_map {
	void *p;
	size_t len;
};

struct live_priv {
	struct round rounds[MAX_ROUNDS];
	size_t nrounds;
	/* full-memory reads: zero-filled stand-ins for the pages of anonymous
	 * mappings that were never touched (they read as zeros in the process
	 * too, and a kernel core writes them as zeros) */
	struct zero_map *zeros;
	size_t nzeros;
	uint8_t *arena;      /* prefaulted before the stop; rounds take slices of it */
	size_t arena_len, arena_used;
	char **paths;
	size_t npaths;
};

struct gm_live_reader {
	int pid;
	int memfd;
	bool use_vm;
	struct live_priv *p;
	struct want *q;
	size_t nq, capq;
	struct gm_thread *threads;
	size_t nthreads;
	struct gm_mapping *maps;
	size_t nmaps;
	uint64_t total;
	bool overflow;
};

/* ---- small /proc helpers ---- */

static char *read_text_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	size_t cap = 8192, n = 0;
	char *b = malloc(cap);
	while (b) {
		if (n + 1 >= cap) {
			if (cap >= MAX_FILE)
				break;
			char *nb = realloc(b, cap * 2);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, b + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	int e = errno;
	close(fd);
	if (b) {
		b[n] = 0;
		if (len)
			*len = n;
	}
	errno = e;
	return b;
}

static int proc_status_int(int pid, const char *key)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	char *s = read_text_file(path, NULL);
	if (!s)
		return -1;
	int v = -1;
	size_t kl = strlen(key);
	for (char *l = s; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		if (!strncmp(l, key, kl) && l[kl] == ':') {
			v = atoi(l + kl + 1);
			break;
		}
	}
	free(s);
	return v;
}

static char proc_state(int pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	char *s = read_text_file(path, NULL);
	if (!s)
		return 0;
	char *p = strrchr(s, ')');
	char c = p && p[1] == ' ' ? p[2] : 0;
	free(s);
	return c;
}

static const char *yama_note(char *buf, size_t n)
{
	char *s = read_text_file("/proc/sys/kernel/yama/ptrace_scope", NULL);
	if (!s) {
		snprintf(buf, n, "no Yama LSM here");
		return buf;
	}
	snprintf(buf, n, "kernel.yama.ptrace_scope = %d%s", atoi(s),
		 atoi(s) == 1   ? ": only a parent or a CAP_SYS_PTRACE holder may attach"
		 : atoi(s) == 2 ? ": only CAP_SYS_PTRACE holders may attach"
		 : atoi(s) == 3 ? ": attaching is disabled on this machine"
				: "");
	free(s);
	return buf;
}

/* The one-line error for a process we may not read or attach to. */
static struct gm_error *access_error(int pid, int err, const char *what)
{
	if (err == ESRCH || err == ENOENT)
		return gm_error_create(GM_ERR_OS, "pid %d: no such process", pid);
	if (proc_state(pid) == 'Z')
		return gm_error_create(GM_ERR_OS, "pid %d has exited (zombie)", pid);
	int tracer = proc_status_int(pid, "TracerPid");
	if (tracer > 0 && tracer != getpid())
		return gm_error_create(GM_ERR_OS,
				       "pid %d is already being traced by pid %d (a debugger?): detach it first",
				       pid, tracer);
	if (err == EPERM || err == EACCES) {
		char y[160];
		return gm_error_create(GM_ERR_OS,
				       "pid %d: not permitted to %s: it needs the same user as the process "
				       "or CAP_SYS_PTRACE (%s)",
				       pid, what, yama_note(y, sizeof(y)));
	}
	return gm_error_os(err, "pid %d: cannot %s", pid, what);
}

struct gm_error *gm_target_live_exe(int pid, char **ret)
{
	*ret = NULL;
	char link[64], target[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	struct stat want, st;
	if (stat(link, &want) != 0) {
		int e = errno;
		struct stat pst;
		char pd[32];
		snprintf(pd, sizeof(pd), "/proc/%d", pid);
		if (stat(pd, &pst) != 0)
			return access_error(pid, ESRCH, "read its executable");
		if (e == ENOENT)
			return gm_error_create(GM_ERR_OS,
					       "pid %d: its executable is gone (a zombie or a kernel thread)", pid);
		return access_error(pid, e, "read its executable (/proc/PID/exe)");
	}
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	char *out = NULL;
	if (n > 0) {
		target[n] = 0;
		char rooted[PATH_MAX + 64];
		snprintf(rooted, sizeof(rooted), "/proc/%d/root%s", pid, target);
		if (target[0] == '/' && stat(target, &st) == 0 && st.st_dev == want.st_dev &&
		    st.st_ino == want.st_ino)
			out = strdup(target);
		else if (target[0] == '/' && stat(rooted, &st) == 0 && st.st_dev == want.st_dev &&
			 st.st_ino == want.st_ino)
			out = strdup(rooted);
	}
	if (!out)
		out = strdup(link);
	if (!out)
		return &gm_error_nomem;
	*ret = out;
	return NULL;
}

/* ---- the signal handlers' view of what is attached ----
 * The only mutable static state of gomortem: a signal handler has no other
 * way to find the threads it must detach. Changed only with the handled
 * signals blocked. */
struct attach_list {
	int pid;
	volatile sig_atomic_t n;
	pid_t *tids;
	int *sigs;           /* signal to deliver on detach (a signal-delivery-stop) */
	char *stopped;
	char *group_stop;
};
static struct attach_list *volatile g_attached;

static void detach_all_async(struct attach_list *a)
{
	for (sig_atomic_t i = 0; i < a->n; i++) {
		if (a->stopped[i]) {
			ptrace(PTRACE_DETACH, a->tids[i], NULL, (void *)(intptr_t)a->sigs[i]);
			a->stopped[i] = 0;
		}
	}
}

static void on_fatal_signal(int sig)
{
	struct attach_list *a = g_attached;
	if (a)
		detach_all_async(a);
	if (sig == SIGALRM) {
		static const char msg[] = "gomortem: the target stayed stopped longer than the watchdog allows: "
					  "detached, giving up (raise GOMORTEM_WATCHDOG_MS)\n";
		ssize_t r = write(2, msg, sizeof(msg) - 1);
		(void)r;
		_exit(70);
	}
	/* SA_RESETHAND | SA_NODEFER: the default action (termination) now. */
	raise(sig);
}

static const int handled_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGQUIT, SIGPIPE};
#define NHANDLED (sizeof(handled_signals) / sizeof(handled_signals[0]))

struct guard {
	struct sigaction old[NHANDLED];
	sigset_t blockset, oldmask;
	bool installed;
};

static void guard_install(struct guard *gd, struct attach_list *a, unsigned watchdog_ms)
{
	sigemptyset(&gd->blockset);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaddset(&gd->blockset, handled_signals[i]);
	g_attached = a;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaction(handled_signals[i], &sa, &gd->old[i]);
	struct itimerval it = {{0, 0}, {(time_t)(watchdog_ms / 1000), (suseconds_t)(watchdog_ms % 1000) * 1000}};
	setitimer(ITIMER_REAL, &it, NULL);
	gd->installed = true;
}

static void guard_remove(struct guard *gd)
{
	if (!gd->installed)
		return;
	struct itimerval it = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &it, NULL);
	for (size_t i = 0; i < NHANDLED; i++)
		sigaction(handled_signals[i], &gd->old[i], NULL);
	g_attached = NULL;
	gd->installed = false;
}

static void block_signals(struct guard *gd)
{
	sigprocmask(SIG_BLOCK, &gd->blockset, &gd->oldmask);
}

static void unblock_signals(struct guard *gd)
{
	sigprocmask(SIG_SETMASK, &gd->oldmask, NULL);
}

/* ---- threads ---- */

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

/* Thread ids of pid, sorted; count in *n (at most max). */
static pid_t *list_tasks(int pid, size_t max, size_t *n, int *err)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	*n = 0;
	DIR *d = opendir(path);
	if (!d) {
		*err = errno;
		return NULL;
	}
	size_t cap = 64;
	pid_t *v = malloc(cap * sizeof(*v));
	struct dirent *de;
	while (v && (de = readdir(d))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (*n == cap) {
			if (cap >= max)
				break;
			pid_t *nv = realloc(v, cap * 2 * sizeof(*v));
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
			cap *= 2;
		}
		v[(*n)++] = (pid_t)atoi(de->d_name);
	}
	closedir(d);
	if (!v) {
		*err = ENOMEM;
		return NULL;
	}
	qsort(v, *n, sizeof(*v), cmp_pid);
	return v;
}

static bool list_has(const struct attach_list *a, pid_t tid)
{
	for (sig_atomic_t i = 0; i < a->n; i++)
		if (a->tids[i] == tid)
			return true;
	return false;
}

/* Waits for the stop of a seized and interrupted thread. false: it is gone.
 * A signal-delivery-stop comes first when a signal was on its way (Go's
 * SIGURG preemption signals often are): the signal is passed on at once
 * (PTRACE_CONT with it) and the interrupt stop follows at the handler's entry.
 * Holding it instead would lose it if gomortem died while the target is
 * stopped, and a lost SIGURG can hang the Go runtime (preemptM never resends). */
static bool wait_stop(struct attach_list *a, size_t i)
{
	for (int nsig = 0;;) {
		int st;
		pid_t r = waitpid(a->tids[i], &st, __WALL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return false;
		if (WIFEXITED(st) || WIFSIGNALED(st))
			return false;
		if (!WIFSTOPPED(st))
			continue;
		int sig = WSTOPSIG(st), event = st >> 16;
		if (event == PTRACE_EVENT_STOP) {
			/* interrupt stop, or a group-stop (SIGSTOP'ed process): it stays
			 * as it was after the detach */
			a->group_stop[i] = sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
		} else if (event == 0) {
			if (nsig++ < 64 && ptrace(PTRACE_CONT, a->tids[i], NULL, (void *)(intptr_t)sig) == 0)
				continue;
			/* still stopped: the signal is delivered on detach */
			a->sigs[i] = sig;
		}
		a->stopped[i] = 1;
		return true;
	}
}

/* Seizes and stops every thread; loops until no new thread appears. */
static struct gm_error *stop_all(struct attach_list *a, struct guard *gd, size_t cap)
{
	for (int pass = 0; pass < 32; pass++) {
		size_t nt;
		int err = 0;
		pid_t *tids = list_tasks(a->pid, MAX_THREADS, &nt, &err);
		if (!tids)
			return access_error(a->pid, err, "list its threads");
		size_t first_new = (size_t)a->n;
		block_signals(gd);
		for (size_t i = 0; i < nt && (size_t)a->n < cap; i++) {
			if (list_has(a, tids[i]))
				continue;
			if (ptrace(PTRACE_SEIZE, tids[i], NULL, NULL) != 0) {
				int e = errno;
				if (e == ESRCH && a->n > 0)
					continue; /* the thread exited */
				unblock_signals(gd);
				free(tids);
				/* stop the ones seized in this pass, so that they can be detached */
				for (size_t j = first_new; j < (size_t)a->n; j++)
					ptrace(PTRACE_INTERRUPT, a->tids[j], NULL, NULL);
				for (size_t j = first_new; j < (size_t)a->n; j++)
					wait_stop(a, j);
				return access_error(a->pid, e, "attach to it (ptrace)");
			}
			size_t k = (size_t)a->n;
			a->tids[k] = tids[i];
			a->sigs[k] = 0;
			a->stopped[k] = 0;
			a->group_stop[k] = 0;
			a->n = (sig_atomic_t)(k + 1);
		}
		unblock_signals(gd);
		free(tids);
		if ((size_t)a->n == first_new)
			return NULL; /* every listed thread is stopped: no new ones can appear */
		for (size_t i = first_new; i < (size_t)a->n; i++)
			ptrace(PTRACE_INTERRUPT, a->tids[i], NULL, NULL);
		for (size_t i = first_new; i < (size_t)a->n; i++)
			wait_stop(a, i);
	}
	return gm_error_create(GM_ERR_OS, "pid %d: threads keep appearing; cannot stop them all", a->pid);
}

/* ---- reading memory ---- */

static bool pread_mem(struct gm_live_reader *r, uint64_t addr, void *buf, size_t len, size_t *got)
{
	*got = 0;
	if (r->memfd < 0)
		return false;
	while (*got < len) {
		ssize_t n = pread(r->memfd, (uint8_t *)buf + *got, len - *got, (off_t)(addr + *got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*got += (size_t)n;
	}
	return *got == len;
}

static bool remote_read(struct gm_live_reader *r, uint64_t addr, void *buf, size_t len)
{
	if (len == 0)
		return true;
	if (addr + len < addr || addr >> 63)
		return false;
	if (r->use_vm) {
		struct iovec l = {buf, len}, rm = {(void *)(uintptr_t)addr, len};
		ssize_t n = process_vm_readv(r->pid, &l, 1, &rm, 1, 0);
		if (n == (ssize_t)len)
			return true;
		if (n >= 0 || errno == EFAULT)
			return false;
		if (errno != ENOSYS && errno != EPERM)
			return false;
		r->use_vm = false;
	}
	size_t got;
	return pread_mem(r, addr, buf, len, &got);
}

/* A range that failed as a whole: keep its readable prefix, page by page. */
static void salvage(struct gm_live_reader *r, struct block *b)
{
	b->got = 0;
	while (b->got < b->len) {
		uint64_t a = b->addr + b->got;
		uint64_t n = 4096 - (a & 4095);
		if (n > b->len - b->got)
			n = b->len - b->got;
		if (!remote_read(r, a, b->data + b->got, n))
			break;
		b->got += n;
	}
}

static void read_blocks(struct gm_live_reader *r, struct block *b, size_t n)
{
	size_t i = 0;
	struct iovec rem[BATCH_IOV];
	while (i < n) {
		size_t k = n - i < BATCH_IOV ? n - i : BATCH_IOV;
		if (!r->use_vm) {
			for (size_t j = 0; j < k; j++) {
				size_t got;
				pread_mem(r, b[i + j].addr, b[i + j].data, b[i + j].len, &got);
				b[i + j].got = got;
			}
			i += k;
			continue;
		}
		uint64_t total = 0;
		for (size_t j = 0; j < k; j++) {
			rem[j].iov_base = (void *)(uintptr_t)b[i + j].addr;
			rem[j].iov_len = b[i + j].len;
			total += b[i + j].len;
		}
		struct iovec loc = {b[i].data, total};
		ssize_t got = process_vm_readv(r->pid, &loc, 1, rem, k, 0);
		if (got < 0 && (errno == ENOSYS || errno == EPERM)) {
			r->use_vm = false;
			continue;
		}
		uint64_t left = got < 0 ? 0 : (uint64_t)got;
		size_t j = 0;
		while (j < k && left >= b[i + j].len) {
			b[i + j].got = b[i + j].len;
			left -= b[i + j].len;
			j++;
		}
		if (j == k) {
			i += k;
			continue;
		}
		salvage(r, &b[i + j]);
		i += j + 1;
	}
}

static const struct block *find_block(const struct gm_live_reader *r, uint64_t addr, size_t len)
{
	for (size_t ri = r->p->nrounds; ri-- > 0;) {
		const struct round *rd = &r->p->rounds[ri];
		size_t lo = 0, hi = rd->n;
		while (lo < hi) { /* first block with addr > target */
			size_t mid = lo + (hi - lo) / 2;
			if (rd->b[mid].addr <= addr)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0)
			continue;
		const struct block *b = &rd->b[lo - 1];
		if (addr - b->addr <= b->got && len <= b->got - (addr - b->addr))
			return b;
	}
	return NULL;
}

bool gm_live_read(struct gm_live_reader *r, uint64_t addr, void *buf, size_t len)
{
	const struct block *b = find_block(r, addr, len);
	if (b) {
		memcpy(buf, b->data + (addr - b->addr), len);
		return true;
	}
	return remote_read(r, addr, buf, len);
}

bool gm_live_u64(struct gm_live_reader *r, uint64_t addr, uint64_t *out)
{
	return gm_live_read(r, addr, out, 8);
}

void gm_live_want(struct gm_live_reader *r, uint64_t addr, uint64_t len)
{
	if (len == 0 || addr == 0 || addr >> 63)
		return;
	if (len > MAX_WANT_LEN)
		len = MAX_WANT_LEN;
	if (addr + len < addr || (addr + len) >> 63)
		return;
	if (len <= 4096 && find_block(r, addr, (size_t)len))
		return;
	if (r->nq == r->capq) {
		if (r->capq >= MAX_WANTS) {
			r->overflow = true;
			return;
		}
		size_t nc = r->capq ? r->capq * 2 : 1024;
		struct want *nq = realloc(r->q, nc * sizeof(*nq));
		if (!nq) {
			r->overflow = true;
			return;
		}
		r->q = nq;
		r->capq = nc;
	}
	r->q[r->nq++] = (struct want){addr, len};
}

static int cmp_want(const void *a, const void *b)
{
	const struct want *x = a, *y = b;
	return (x->addr > y->addr) - (x->addr < y->addr);
}

struct gm_error *gm_live_fetch(struct gm_live_reader *r)
{
	if (r->nq == 0)
		return NULL;
	if (r->p->nrounds == MAX_ROUNDS)
		return gm_error_create(GM_ERR_UNSUPPORTED, "live: too many copy rounds");
	qsort(r->q, r->nq, sizeof(*r->q), cmp_want);
	/* merge overlapping and nearby ranges */
	size_t m = 0;
	for (size_t i = 0; i < r->nq; i++) {
		if (m && r->q[i].addr <= r->q[m - 1].addr + r->q[m - 1].len + MERGE_GAP) {
			uint64_t end = r->q[i].addr + r->q[i].len;
			if (end > r->q[m - 1].addr + r->q[m - 1].len)
				r->q[m - 1].len = end - r->q[m - 1].addr;
		} else {
			r->q[m++] = r->q[i];
		}
	}
	r->nq = 0;
	struct round *rd = &r->p->rounds[r->p->nrounds];
	uint64_t total = 0;
	for (size_t i = 0; i < m; i++)
		total += r->q[i].len;
	if (total > (1ull << 40))
		return gm_error_create(GM_ERR_UNSUPPORTED, "live: %llu bytes to copy is too much",
				       (unsigned long long)total);
	rd->b = calloc(m, sizeof(*rd->b));
	if (!rd->b)
		return &gm_error_nomem;
	struct live_priv *p = r->p;
	if (p->arena && total <= p->arena_len - p->arena_used) {
		rd->buf = p->arena + p->arena_used; /* not owned: buflen 0 */
		p->arena_used += ((size_t)total + 63) & ~(size_t)63;
		if (p->arena_used > p->arena_len)
			p->arena_used = p->arena_len;
	} else {
		void *buf = mmap(NULL, (size_t)total, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (buf == MAP_FAILED) {
			free(rd->b);
			rd->b = NULL;
			return gm_error_os(errno, "live: cannot allocate %llu bytes for the copy",
					   (unsigned long long)total);
		}
		rd->buf = buf;
		rd->buflen = (size_t)total;
	}
	rd->n = m;
	uint64_t off = 0;
	for (size_t i = 0; i < m; i++) {
		rd->b[i] = (struct block){r->q[i].addr, r->q[i].len, 0, rd->buf + off};
		off += r->q[i].len;
	}
	r->p->nrounds++;
	read_blocks(r, rd->b, m);
	for (size_t i = 0; i < m; i++)
		r->total += rd->b[i].got;
	return NULL;
}

const struct gm_thread *gm_live_threads(struct gm_live_reader *r, size_t *n)
{
	*n = r->nthreads;
	return r->threads;
}

const struct gm_mapping *gm_live_maps(struct gm_live_reader *r, size_t *n)
{
	*n = r->nmaps;
	return r->maps;
}

/* ---- mappings ---- */

struct mapinfo {
	uint64_t start, end, off;
	char perms[5];
	const char *path; /* NULL: anonymous; "[vdso]" etc. */
};

/* Parses /proc/PID/maps; file paths go to p->paths (owned). */
static struct gm_error *read_maps(struct gm_live_reader *r, struct mapinfo **ret, size_t *nret)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", r->pid);
	*ret = NULL;
	*nret = 0;
	size_t len;
	char *s = read_text_file(path, &len);
	if (!s)
		return access_error(r->pid, errno, "read its memory map");
	size_t cap = 64, n = 0;
	struct mapinfo *v = malloc(cap * sizeof(*v));
	char **paths = malloc(cap * sizeof(*paths));
	size_t np = 0;
	char *save = NULL;
	for (char *l = strtok_r(s, "\n", &save); l && v && paths; l = strtok_r(NULL, "\n", &save)) {
		unsigned long long a, b, off;
		char perms[8];
		int pos = 0;
		if (sscanf(l, "%llx-%llx %7s %llx %*s %*s%n", &a, &b, perms, &off, &pos) != 4 || b <= a)
			continue;
		const char *p = l + pos;
		while (*p == ' ')
			p++;
		if (n == cap) {
			cap *= 2;
			struct mapinfo *nv = realloc(v, cap * sizeof(*v));
			char **npaths = realloc(paths, cap * sizeof(*paths));
			if (nv)
				v = nv;
			if (npaths)
				paths = npaths;
			if (!nv || !npaths)
				break;
		}
		struct mapinfo *mi = &v[n++];
		mi->start = a;
		mi->end = b;
		mi->off = off;
		memcpy(mi->perms, perms, 4);
		mi->perms[4] = 0;
		mi->path = NULL;
		if (*p) {
			char *d = strdup(p);
			if (d) {
				paths[np++] = d;
				mi->path = d;
			}
		}
	}
	free(s);
	if (!v || !paths || n < 1) {
		free(v);
		for (size_t i = 0; paths && i < np; i++)
			free(paths[i]);
		free(paths);
		return n < 1 && v && paths ? gm_error_create(GM_ERR_OS, "pid %d: empty memory map", r->pid)
					   : &gm_error_nomem;
	}
	r->p->paths = paths;
	r->p->npaths = np;
	*ret = v;
	*nret = n;
	return NULL;
}

/* The present (or swapped) pages of [start, end), from /proc/PID/pagemap;
 * the whole range when pagemap cannot be read. */
static void want_present(struct gm_live_reader *r, int pmfd, uint64_t start, uint64_t end)
{
	if (pmfd < 0) {
		gm_live_want(r, start, end - start);
		return;
	}
	enum { CHUNK = 8192 };
	uint64_t ent[CHUNK];
	uint64_t run = 0;
	bool in_run = false;
	for (uint64_t a = start; a < end;) {
		uint64_t npages = (end - a) / 4096;
		if (npages > CHUNK)
			npages = CHUNK;
		ssize_t n = pread(pmfd, ent, npages * 8, (off_t)(a / 4096 * 8));
		if (n <= 0) {
			if (in_run)
				gm_live_want(r, run, a - run);
			gm_live_want(r, a, end - a);
			return;
		}
		size_t k = (size_t)n / 8;
		for (size_t i = 0; i < k; i++, a += 4096) {
			bool present = (ent[i] >> 63) & 1 || (ent[i] >> 62) & 1;
			if (present && !in_run) {
				run = a;
				in_run = true;
			} else if (!present && in_run) {
				gm_live_want(r, run, a - run);
				in_run = false;
			}
		}
	}
	if (in_run)
		gm_live_want(r, run, end - run);
}

static void want_full_memory(struct gm_live_reader *r, const struct mapinfo *mi, size_t n)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/pagemap", r->pid);
	int pmfd = open(path, O_RDONLY | O_CLOEXEC);
	for (size_t i = 0; i < n; i++) {
		const struct mapinfo *m = &mi[i];
		if (m->perms[0] != 'r')
			continue;
		if (m->path && (!strcmp(m->path, "[vvar]") || !strcmp(m->path, "[vsyscall]") ||
				!strcmp(m->path, "[vvar_vclock]")))
			continue;
		if (m->path && !strcmp(m->path, "[vdso]")) {
			gm_live_want(r, m->start, m->end - m->start);
			continue;
		}
		bool file = m->path && m->path[0] == '/';
		if (file && m->off == 0) /* the ELF headers, as the kernel's coredump_filter bit 4 */
			gm_live_want(r, m->start, 4096);
		if (m->perms[1] == 'w' || !file)
			want_present(r, pmfd, m->start, m->end);
	}
	if (pmfd >= 0)
		close(pmfd);
}

/* The used part of every stopped thread's stack, for native unwinding
 * (threads, goroutines --native): from just below rsp (the red zone) up to
 * 256 KiB, inside the mapping that holds rsp when it is the main stack or
 * an anonymous mapping of at most 16 MiB (pthread stacks; not the Go heap
 * arenas, whose goroutine stacks the Go collector copies exactly). */
#define THREAD_STACK_COPY (256u << 10)
static void want_thread_stacks(struct gm_live_reader *r, const struct mapinfo *mi, size_t n)
{
	for (size_t t = 0; t < r->nthreads; t++) {
		const struct gm_thread *th = &r->threads[t];
		if (!th->regs_live)
			continue;
		uint64_t sp = th->regs.rsp;
		for (size_t i = 0; i < n; i++) {
			const struct mapinfo *m = &mi[i];
			if (sp < m->start || sp >= m->end)
				continue;
			bool stack = m->path && !strcmp(m->path, "[stack]");
			if (m->perms[0] != 'r' || (!stack && (m->path || m->end - m->start > (16u << 20))))
				break;
			uint64_t lo = sp >= m->start + 128 ? (sp - 128) & ~7ull : m->start;
			uint64_t hi = m->end - lo > THREAD_STACK_COPY ? lo + THREAD_STACK_COPY : m->end;
			gm_live_want(r, lo, hi - lo);
			break;
		}
	}
}

/* ---- registers of a --no-stop read: /proc/PID/task/TID/syscall ---- */

static void regs_from_syscall_file(int pid, struct gm_thread *th)
{
	char path[96];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, th->tid);
	char *s = read_text_file(path, NULL);
	if (!s)
		return;
	/* "NR a1 .. a6 sp pc", "-1 sp pc" (blocked, not in a syscall) or "running" */
	unsigned long long v[9];
	int k = 0;
	char *p = s, *end;
	while (k < 9) {
		unsigned long long x = strtoull(p, &end, 0);
		if (end == p)
			break;
		v[k++] = x;
		p = end;
	}
	if (k == 9 || k == 3) {
		th->regs.rsp = v[k - 2];
		th->regs.rip = v[k - 1];
	}
	free(s);
}

/* ---- clocks ---- */

/* The target's CLOCK_MONOTONIC offset relative to ours (time namespaces). */
static int64_t monotonic_offset(int pid)
{
	char path[64];
	int64_t o[2] = {0, 0};
	for (int w = 0; w < 2; w++) {
		if (w == 0)
			snprintf(path, sizeof(path), "/proc/%d/timens_offsets", pid);
		else
			snprintf(path, sizeof(path), "/proc/self/timens_offsets");
		char *s = read_text_file(path, NULL);
		if (!s)
			continue;
		char *l = strstr(s, "monotonic");
		long long sec = 0, nsec = 0;
		if (l && sscanf(l, "monotonic %lld %lld", &sec, &nsec) == 2)
			o[w] = sec * 1000000000ll + nsec;
		free(s);
	}
	return o[0] - o[1];
}

static uint64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static unsigned env_ms(const char *name, unsigned dflt)
{
	const char *e = getenv(name);
	if (!e || !*e)
		return dflt;
	char *end;
	unsigned long v = strtoul(e, &end, 10);
	return *end || v > 3600000 ? dflt : (unsigned)v;
}

/* ---- the target ---- */

static void live_priv_destroy(void *pv)
{
	struct live_priv *p = pv;
	if (!p)
		return;
	for (size_t i = 0; i < p->nzeros; i++)
		munmap(p->zeros[i].p, p->zeros[i].len);
	free(p->zeros);
	if (p->arena)
		munmap(p->arena, p->arena_len);
	for (size_t i = 0; i < p->nrounds; i++) {
		if (p->rounds[i].buf && p->rounds[i].buflen)
			munmap(p->rounds[i].buf, p->rounds[i].buflen);
		free(p->rounds[i].b);
	}
	for (size_t i = 0; i < p->npaths; i++)
		free(p->paths[i]);
	free(p->paths);
	free(p);
}

static int cmp_blockp(const void *a, const void *b)
{
	const struct block *x = *(const struct block *const *)a, *y = *(const struct block *const *)b;
	return (x->addr > y->addr) - (x->addr < y->addr);
}

/* Full-memory reads copy only present pages; a never-touched page of an
 * anonymous private mapping reads as zeros in the process. Back each such
 * mapping with an untouched anonymous mapping of ours (virtual memory only)
 * below the copied pages, so those reads give zeros, as in a kernel core. */
static struct gm_error *add_zero_segments(struct gm_target *t, struct live_priv *p,
					  const struct mapinfo *mi, size_t n)
{
	p->zeros = calloc(n ? n : 1, sizeof(*p->zeros));
	if (!p->zeros)
		return &gm_error_nomem;
	for (size_t i = 0; i < n; i++) {
		const struct mapinfo *m = &mi[i];
		if (m->path || m->perms[0] != 'r' || m->perms[1] != 'w' || m->perms[3] != 'p' ||
		    m->end <= m->start)
			continue;
		size_t len = (size_t)(m->end - m->start);
		void *z = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (z == MAP_FAILED)
			continue; /* those pages stay unreadable, as before */
		p->zeros[p->nzeros++] = (struct zero_map){z, len};
		struct gm_error *err = gm_memsrc_add(t->mem, m->start, len, len, z, LIVE_PRIO - 1, GM_SEG_LIVE);
		if (err)
			return err;
	}
	return NULL;
}

/* Adds every copied range to t->mem, in address order (cheap appends). */
static struct gm_error *add_segments(struct gm_target *t, struct live_priv *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->nrounds; i++)
		n += p->rounds[i].n;
	const struct block **v = malloc((n ? n : 1) * sizeof(*v));
	if (!v)
		return &gm_error_nomem;
	size_t k = 0;
	for (size_t i = 0; i < p->nrounds; i++)
		for (size_t j = 0; j < p->rounds[i].n; j++)
			v[k++] = &p->rounds[i].b[j];
	qsort(v, n, sizeof(*v), cmp_blockp);
	struct gm_error *err = NULL;
	for (size_t i = 0; i < n && !err; i++)
		err = gm_memsrc_add(t->mem, v[i]->addr, v[i]->len, v[i]->got, v[i]->data, LIVE_PRIO,
				    GM_SEG_LIVE);
	free(v);
	return err;
}

struct gm_error *gm_target_open_live_opts(const struct gm_live_opts *o, struct gm_target **ret)
{
	*ret = NULL;
	int pid = o->pid;
	if (pid <= 0)
		return gm_error_create(GM_ERR_USAGE, "not a process id: %d", pid);
	if (pid == getpid())
		return gm_error_create(GM_ERR_USAGE, "pid %d is gomortem itself", pid);
	char pd[32];
	struct stat st;
	snprintf(pd, sizeof(pd), "/proc/%d", pid);
	if (stat(pd, &st) != 0)
		return access_error(pid, ESRCH, "read it");
	if (proc_state(pid) == 'Z')
		return gm_error_create(GM_ERR_OS, "pid %d has exited (zombie)", pid);

	struct gm_target *t = calloc(1, sizeof(*t));
	struct live_priv *p = calloc(1, sizeof(*p));
	struct attach_list al = {.pid = pid};
	struct gm_live_reader rd = {.pid = pid, .memfd = -1, .use_vm = true, .p = p};
	struct mapinfo *mi = NULL;
	size_t nmi = 0;
	struct guard gd = {0};
	struct gm_error *err = NULL;
	uint64_t t0 = 0, t1 = 0;
	if (!t || !p) {
		free(t);
		free(p);
		return &gm_error_nomem;
	}
	t->priv = p;
	t->priv_destroy = live_priv_destroy;
	t->pid = pid;
	t->is_live = true;
	t->consistent = !o->no_stop;
	t->source_kind = o->no_stop ? "live (no-stop)" : "live";
	if ((err = gm_memsrc_create(&t->mem)))
		goto out;
	if (o->exe_path && !(t->exe_path = strdup(o->exe_path))) {
		err = &gm_error_nomem;
		goto out;
	}
	{
		char path[64];
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		char *c = read_text_file(path, NULL);
		if (c) {
			c[strcspn(c, "\n")] = 0;
			t->comm = c;
		}
		snprintf(path, sizeof(path), "/proc/%d/mem", pid);
		rd.memfd = open(path, O_RDONLY | O_CLOEXEC);
	}
	size_t cap = MAX_THREADS;
	al.tids = calloc(cap, sizeof(*al.tids));
	al.sigs = calloc(cap, sizeof(*al.sigs));
	al.stopped = calloc(cap, 1);
	al.group_stop = calloc(cap, 1);
	if (!al.tids || !al.sigs || !al.stopped || !al.group_stop) {
		err = &gm_error_nomem;
		goto out;
	}
	int64_t clock_off = monotonic_offset(pid);
	if (o->estimate && !o->no_stop) {
		/* allocate and fault in the copy's memory before the stop */
		uint64_t est = o->estimate(o->collect_arg, &rd);
		if (est > (16ull << 30))
			est = 16ull << 30;
		if (est) {
			size_t len = ((size_t)est + 4095) & ~(size_t)4095;
			void *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
				       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE, -1, 0);
			if (a != MAP_FAILED) {
				p->arena = a;
				p->arena_len = len;
			}
		}
	}
	if (!o->no_stop) {
		unsigned wd = o->watchdog_ms ? o->watchdog_ms : DEFAULT_WATCHDOG_MS;
		wd = env_ms("GOMORTEM_WATCHDOG_MS", wd);
		guard_install(&gd, &al, wd);
		t0 = mono_ns();
		if ((err = stop_all(&al, &gd, cap)))
			goto out;
		rd.threads = calloc((size_t)al.n ? (size_t)al.n : 1, sizeof(*rd.threads));
		if (!rd.threads) {
			err = &gm_error_nomem;
			goto out;
		}
		for (size_t i = 0; i < (size_t)al.n; i++) {
			if (!al.stopped[i])
				continue;
			struct gm_thread *th = &rd.threads[rd.nthreads];
			struct user_regs_struct ur;
			th->tid = al.tids[i];
			th->cursig = al.sigs[i];
			if (ptrace(PTRACE_GETREGS, al.tids[i], NULL, &ur) == 0) {
				memcpy(&th->regs, &ur, sizeof(th->regs));
				th->regs_live = true;
			}
			rd.nthreads++;
		}
		if (rd.nthreads == 0) {
			err = gm_error_create(GM_ERR_OS, "pid %d: no thread could be stopped (exiting?)", pid);
			goto out;
		}
	} else {
		size_t nt;
		int e = 0;
		pid_t *tids = list_tasks(pid, MAX_THREADS, &nt, &e);
		if (!tids) {
			err = access_error(pid, e, "list its threads");
			goto out;
		}
		rd.threads = calloc(nt ? nt : 1, sizeof(*rd.threads));
		if (!rd.threads) {
			free(tids);
			err = &gm_error_nomem;
			goto out;
		}
		for (size_t i = 0; i < nt; i++) {
			rd.threads[i].tid = tids[i];
			regs_from_syscall_file(pid, &rd.threads[i]);
		}
		rd.nthreads = nt;
		free(tids);
		/* check that memory is readable at all, for a clear error */
		uint8_t b;
		struct iovec l = {&b, 1}, rm = {(void *)(uintptr_t)0, 1};
		if (process_vm_readv(pid, &l, 1, &rm, 1, 0) < 0 && (errno == EPERM || errno == ESRCH) &&
		    rd.memfd < 0) {
			err = access_error(pid, errno, "read its memory");
			goto out;
		}
	}
	t->now_ns = (int64_t)mono_ns() + clock_off;
	if ((err = read_maps(&rd, &mi, &nmi)))
		goto out;
	rd.maps = calloc(nmi, sizeof(*rd.maps));
	if (!rd.maps) {
		err = &gm_error_nomem;
		goto out;
	}
	for (size_t i = 0; i < nmi; i++) {
		if (!mi[i].path || mi[i].path[0] != '/')
			continue;
		rd.maps[rd.nmaps++] = (struct gm_mapping){mi[i].start, mi[i].end, mi[i].off, mi[i].path};
	}
	if (o->full_memory) {
		want_full_memory(&rd, mi, nmi);
		if ((err = gm_live_fetch(&rd)))
			goto out;
	}
	if (o->collect && (err = o->collect(o->collect_arg, &rd)))
		goto out;
	if (!o->no_stop)
		want_thread_stacks(&rd, mi, nmi);
	if ((err = gm_live_fetch(&rd)))
		goto out;
	{
		unsigned hold = env_ms("GOMORTEM_DEBUG_STOP_MS", 0); /* tests: a long stop */
		if (hold && !o->no_stop) {
			struct timespec ts = {hold / 1000, (long)(hold % 1000) * 1000000};
			while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
				;
		}
	}
out:
	if (!o->no_stop && al.tids) {
		block_signals(&gd);
		detach_all_async(&al);
		unblock_signals(&gd);
		t1 = mono_ns();
		guard_remove(&gd);
		t->pause_ns = t1 > t0 ? t1 - t0 : 0;
	}
	if (!err && rd.overflow)
		err = gm_error_create(GM_ERR_UNSUPPORTED, "pid %d: too many ranges to copy", pid);
	if (!err) {
		t->threads = rd.threads;
		t->nthreads = rd.nthreads;
		rd.threads = NULL;
		t->maps = rd.maps;
		t->nmaps = rd.nmaps;
		rd.maps = NULL;
		t->threads_live_regs = !o->no_stop;
		t->copied_bytes = rd.total;
		err = o->full_memory && o->zero_fill ? add_zero_segments(t, p, mi, nmi) : NULL;
		if (!err)
			err = add_segments(t, p);
	}
	if (rd.memfd >= 0)
		close(rd.memfd);
	free(rd.q);
	free(rd.threads);
	free(rd.maps);
	free(mi);
	free(al.tids);
	free(al.sigs);
	free(al.stopped);
	free(al.group_stop);
	if (err) {
		gm_target_destroy(t);
		return err;
	}
	*ret = t;
	return NULL;
}

struct gm_error *gm_target_open_live(int pid, bool no_stop, struct gm_target **ret)
{
	struct gm_live_opts o = {.pid = pid, .no_stop = no_stop, .full_memory = true};
	return gm_target_open_live_opts(&o, ret);
}
