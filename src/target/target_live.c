/* Live processes: stop every thread with ptrace (PTRACE_SEIZE, then
 * PTRACE_INTERRUPT), take their registers, copy the memory the walkers need
 * (process_vm_readv in batches, /proc/PID/mem as a fallback), detach, and
 * serve the copies as GM_SEG_LIVE segments. The target is never written to.
 *
 * Never leave the target stopped: every exit path detaches; SIGINT, SIGTERM
 * and SIGHUP of gomortem detach then end gomortem; a watchdog (SIGALRM)
 * detaches and ends gomortem when the stop lasts too long; if gomortem is
 * killed with SIGKILL, the kernel detaches its tracees and they run on. */
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

/* ---- the target ---- */

static void live_priv_destroy(void *pv)
{
	struct live_priv *p = pv;
	if (!p)
		return;
	for (size_t i = 0; i < p->nzeros; i++)
		munmap(p->zeros[i].p, p->zeros[i].len);
	free(p->zeros);
	free(p->uncopied);
	live_prescan_free(&p->prescan);
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
		bool left_out = false;
		for (size_t u = 0; u < t->nuncopied && !left_out; u++)
			left_out = t->uncopied[u].start == m->start && t->uncopied[u].end == m->end;
		if (left_out) { /* mapped, not saved: listed by maps, reads of it fail */
			struct gm_error *err = gm_memsrc_add(t->mem, m->start, len, 0, NULL, LIVE_PRIO - 1, GM_SEG_LIVE);
			if (err)
				return err;
			continue;
		}
		void *z = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (z == MAP_FAILED)
			continue; /* those pages stay unreadable, as before */
		p->zeros[p->nzeros++] = (struct zero_map){z, len};
		struct gm_error *err = gm_memsrc_add_zero(t->mem, m->start, len, z, LIVE_PRIO - 1, GM_SEG_LIVE);
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

/* the pause budget ran out: detach every thread now (the copy goes on
 * from the running process) */
struct resume_ctx {
	struct attach_list *al;
	struct guard *gd;
	uint64_t *t1;
};

static void resume_all(void *arg)
{
	struct resume_ctx *c = arg;
	live_block_signals(c->gd);
	live_detach_all_async(c->al);
	live_unblock_signals(c->gd);
	*c->t1 = live_mono_ns();
	live_guard_remove(c->gd);
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
		return live_access_error(pid, ESRCH, "read it");
	if (live_proc_state(pid) == 'Z')
		return gm_error_create(GM_ERR_OS, "pid %d has exited (zombie)", pid);

	struct gm_target *t = calloc(1, sizeof(*t));
	struct live_priv *p = calloc(1, sizeof(*p));
	struct attach_list al = {.pid = pid};
	struct gm_live_reader rd = {.pid = pid, .memfd = -1, .use_vm = true, .p = p};
	struct mapinfo *mi = NULL;
	size_t nmi = 0;
	struct guard gd = {0};
	struct resume_ctx rs;
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
	t->arch = GM_ARCH_HOST;
	t->consistent = !o->no_stop;
	t->source_kind = o->no_stop ? "live (no-stop)" : "live";
	if ((err = gm_memsrc_create(&t->mem)))
		goto out;
	if (o->exe_path && !(t->exe_path = strdup(o->exe_path))) {
		err = &gm_error_nomem;
		goto out;
	}
	{
		char path[64], link[PATH_MAX];
		snprintf(path, sizeof(path), "/proc/%d/exe", pid);
		ssize_t n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = 0;
			if (!t->exe_path || strcmp(link, t->exe_path) != 0)
				t->exe_map_path = strdup(link); /* NULL (no memory): the path compare fails, unverified */
		}
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		char *c = live_read_text_file(path, NULL);
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
	int64_t clock_off = live_monotonic_offset(pid);
	/* the pause budget */
	unsigned budget = o->pause_budget_ms;
	if (budget == UINT32_MAX || o->no_stop) {
		budget = 0;
	} else if (budget == 0) {
		budget = gm_live_default_budget_ms(o->goroutines ? o->goroutines(o->collect_arg, &rd) : 0);
		t->pause_budget_default = true;
	}
	t->pause_budget_ms = budget;
	if ((o->estimate || o->full_memory) && !o->no_stop) {
		/* allocate and fault in the copy's memory before the stop (in
		 * huge pages where the kernel gives them: a few hundred faults
		 * instead of a quarter million for a GB); a full copy is what
		 * the process has now, plus room for what it adds before the
		 * stop */
		uint64_t est = o->full_memory ? live_estimate_full_memory(&rd) : o->estimate(o->collect_arg, &rd);
		if (o->full_memory && o->must_copy && !o->no_stop) {
			/* a copy that would pass the limit leaves the biggest
			 * anonymous mappings holding no Go heap out */
			t->copy_limit = live_copy_limit();
			est -= live_choose_uncopied(&rd, est, t->copy_limit, o->must_copy, o->collect_arg);
		}
		if (o->full_memory && est)
			est += est / 8 + (16u << 20);
		if (est > (16ull << 30))
			est = 16ull << 30;
		if (est) {
			size_t len = ((size_t)est + 4095) & ~(size_t)4095;
			void *a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
				       -1, 0);
			if (a != MAP_FAILED) {
				madvise(a, len, MADV_HUGEPAGE);
				for (size_t k = 0; k < len; k += 4096) /* fault in */
					((volatile uint8_t *)a)[k] = 0;
				p->arena = a;
				p->arena_len = len;
			}
		}
	}
	if (!o->no_stop) {
		unsigned wd = o->watchdog_ms ? o->watchdog_ms : DEFAULT_WATCHDOG_MS;
		if (budget && wd < budget + 2000u)
			wd = budget + 2000u; /* the watchdog is for a hang, not for the budget */
		wd = live_env_ms("GOMORTEM_WATCHDOG_MS", wd);
		live_guard_install(&gd, &al, wd);
		t0 = live_mono_ns();
		if ((err = live_stop_all(&al, &gd, cap)))
			goto out;
		rd.stopped = true;
		if (budget) {
			/* the budget is the copy's: from when every thread is
			 * stopped (the stop itself, a few ms unless the machine is
			 * overloaded, is in the pause reported) */
			rd.deadline_ns = live_mono_ns() + (uint64_t)budget * 1000000u;
			rs = (struct resume_ctx){&al, &gd, &t1};
			rd.resume = resume_all;
			rd.resume_arg = &rs;
		}
		rd.threads = calloc((size_t)al.n ? (size_t)al.n : 1, sizeof(*rd.threads));
		if (!rd.threads) {
			err = &gm_error_nomem;
			goto out;
		}
		for (size_t i = 0; i < (size_t)al.n; i++) {
			if (!al.stopped[i])
				continue;
			struct gm_thread *th = &rd.threads[rd.nthreads];
			th->tid = al.tids[i];
			th->cursig = al.sigs[i];
			/* PTRACE_GETREGSET NT_PRSTATUS: the same call on amd64
			 * (user_regs_struct) and arm64 (user_pt_regs) */
			struct iovec iov;
			if (GM_ARCH_HOST == GM_ARCH_ARM64)
				iov = (struct iovec){&th->regs_arm64, sizeof(th->regs_arm64)};
			else
				iov = (struct iovec){&th->regs, sizeof(th->regs)};
			size_t want = iov.iov_len;
			if (ptrace(PTRACE_GETREGSET, al.tids[i], (void *)1 /* NT_PRSTATUS */, &iov) == 0 &&
			    iov.iov_len == want) {
				gm_thread_set_roles(GM_ARCH_HOST, th);
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
		pid_t *tids = live_list_tasks(pid, MAX_THREADS, &nt, &e);
		if (!tids) {
			err = live_access_error(pid, e, "list its threads");
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
			live_regs_from_syscall_file(pid, &rd.threads[i]);
		}
		rd.nthreads = nt;
		free(tids);
		/* check that memory is readable at all, for a clear error */
		uint8_t b;
		struct iovec l = {&b, 1}, rm = {(void *)(uintptr_t)0, 1};
		if (process_vm_readv(pid, &l, 1, &rm, 1, 0) < 0 && (errno == EPERM || errno == ESRCH) &&
		    rd.memfd < 0) {
			err = live_access_error(pid, errno, "read its memory");
			goto out;
		}
	}
	t->now_ns = (int64_t)live_mono_ns() + clock_off;
	if ((err = live_read_maps(&rd, &mi, &nmi)))
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
	if (!o->no_stop) {
		/* tests: a stop that lasts before the copy (the pause budget) */
		unsigned hold = live_env_ms("GOMORTEM_DEBUG_PRECOPY_MS", 0);
		struct timespec ts = {hold / 1000, (long)(hold % 1000) * 1000000};
		while (hold && nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
	if (o->full_memory) {
		live_want_full_memory(&rd, mi, nmi);
		live_prescan_free(&p->prescan);
		if ((err = gm_live_fetch(&rd)))
			goto out;
	}
	if (o->collect && (err = o->collect(o->collect_arg, &rd)))
		goto out;
	if (!o->no_stop)
		live_want_thread_stacks(&rd, mi, nmi);
	if ((err = gm_live_fetch(&rd)))
		goto out;
	{
		unsigned hold = live_env_ms("GOMORTEM_DEBUG_STOP_MS", 0); /* tests: a long stop */
		if (hold && !o->no_stop) {
			struct timespec ts = {hold / 1000, (long)(hold % 1000) * 1000000};
			while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
				;
		}
	}
out:
	if (!o->no_stop && al.tids && !rd.resumed) {
		live_block_signals(&gd);
		live_detach_all_async(&al);
		live_unblock_signals(&gd);
		t1 = live_mono_ns();
		live_guard_remove(&gd);
	}
	if (!o->no_stop && al.tids)
		t->pause_ns = t1 > t0 ? t1 - t0 : 0;
	if (rd.resumed) {
		t->budget_hit = true;
		t->consistent = false;
		t->copied_stopped = rd.total_at_resume;
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
		t->copied_unprepared = rd.unprepared;
		t->uncopied = p->uncopied;
		t->nuncopied = p->nuncopied;
		p->uncopied = NULL;
		p->nuncopied = 0;
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

unsigned gm_live_default_budget_ms(uint64_t goroutines)
{
	uint64_t ms = goroutines / 1000 * GM_PAUSE_MS_PER_1000_G;
	return ms < GM_PAUSE_MIN_MS ? GM_PAUSE_MIN_MS : ms > GM_PAUSE_MAX_MS ? GM_PAUSE_MAX_MS : (unsigned)ms;
}

struct gm_error *gm_target_open_live(int pid, bool no_stop, struct gm_target **ret)
{
	struct gm_live_opts o = {.pid = pid, .no_stop = no_stop, .full_memory = true, .pause_budget_ms = UINT32_MAX};
	return gm_target_open_live_opts(&o, ret);
}
