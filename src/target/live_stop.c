/* Live processes: stopping every thread with ptrace, and never leaving
 * them stopped (the signal guard, the watchdog). */
#include "live_internal.h"

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

/* ---- the signal handlers' view of what is attached ----
 * The only mutable static state of gomortem: a signal handler has no other
 * way to find the threads it must detach. Changed only with the handled
 * signals blocked. */
static struct attach_list *volatile g_attached;

void live_detach_all_async(struct attach_list *a)
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
		live_detach_all_async(a);
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
_Static_assert(sizeof(handled_signals) / sizeof(handled_signals[0]) == NHANDLED, "NHANDLED");


void live_guard_install(struct guard *gd, struct attach_list *a, unsigned watchdog_ms)
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

void live_guard_remove(struct guard *gd)
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

void live_block_signals(struct guard *gd)
{
	sigprocmask(SIG_BLOCK, &gd->blockset, &gd->oldmask);
}

void live_unblock_signals(struct guard *gd)
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
pid_t *live_list_tasks(int pid, size_t max, size_t *n, int *err)
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
/* The thread is dead or dying: gone from /proc, or a zombie. The process
 * may exit while it is being stopped (exit_group): then the thread group
 * leader's exit is reported only once every other thread is reaped, by us,
 * their tracer, so a blocking wait on the leader would wait for good (until
 * the watchdog). */
static bool thread_dead(int pid, pid_t tid)
{
	char path[80], buf[256];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", pid, (int)tid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ESRCH;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return true;
	buf[n] = 0;
	const char *p = strrchr(buf, ')');
	return p && p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X');
}

static bool wait_stop(struct attach_list *a, size_t i)
{
	for (int nsig = 0, polls = 0;;) {
		int st;
		/* polled, not blocking: see thread_dead */
		pid_t r = waitpid(a->tids[i], &st, __WALL | WNOHANG);
		if (r == 0) {
			if (thread_dead(a->pid, a->tids[i]))
				return false;
			struct timespec ts = {0, polls++ < 100 ? 20000 : 200000};
			nanosleep(&ts, NULL);
			continue;
		}
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
struct gm_error *live_stop_all(struct attach_list *a, struct guard *gd, size_t cap)
{
	for (int pass = 0; pass < 32; pass++) {
		size_t nt;
		int err = 0;
		pid_t *tids = live_list_tasks(a->pid, MAX_THREADS, &nt, &err);
		if (!tids)
			return live_access_error(a->pid, err, "list its threads");
		size_t first_new = (size_t)a->n;
		live_block_signals(gd);
		for (size_t i = 0; i < nt && (size_t)a->n < cap; i++) {
			if (list_has(a, tids[i]))
				continue;
			if (ptrace(PTRACE_SEIZE, tids[i], NULL, NULL) != 0) {
				int e = errno;
				if (e == ESRCH && a->n > 0)
					continue; /* the thread exited */
				live_unblock_signals(gd);
				free(tids);
				/* stop the ones seized in this pass, so that they can be detached */
				for (size_t j = first_new; j < (size_t)a->n; j++)
					ptrace(PTRACE_INTERRUPT, a->tids[j], NULL, NULL);
				for (size_t j = first_new; j < (size_t)a->n; j++)
					wait_stop(a, j);
				return live_access_error(a->pid, e, "attach to it (ptrace)");
			}
			size_t k = (size_t)a->n;
			a->tids[k] = tids[i];
			a->sigs[k] = 0;
			a->stopped[k] = 0;
			a->group_stop[k] = 0;
			a->n = (sig_atomic_t)(k + 1);
		}
		live_unblock_signals(gd);
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
