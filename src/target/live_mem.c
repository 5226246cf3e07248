/* Live processes: reading the stopped process's memory (process_vm_readv in
 * batches, /proc/PID/mem as a fallback), the copy plan (gm_live_want /
 * gm_live_fetch) and the mappings. */
#include "live_internal.h"
#include "gm_file.h"
#include "gm_sort.h"

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

/* the pause budget: past the deadline, resume the process (once); or
 * already when what comes next, which cannot look at the clock, is expected
 * to take longer than what is left (ahead_ns) */
static void check_budget_ahead(struct gm_live_reader *r, uint64_t done_now, uint64_t ahead_ns)
{
	if (!r->deadline_ns || r->resumed || !r->resume || live_mono_ns() + ahead_ns < r->deadline_ns)
		return;
	r->resume(r->resume_arg);
	r->resumed = true;
	r->total_at_resume = r->total + done_now;
}

static void check_budget(struct gm_live_reader *r, uint64_t done_now)
{
	check_budget_ahead(r, done_now, 0);
}

#define FETCH_PREP_NS 300 /* a queued range's sort and setup, at most (loaded machine) */
#define PIECE (8u << 20) /* a big block is read in pieces, the budget checked between them */

static void read_blocks(struct gm_live_reader *r, struct block *b, size_t n)
{
	size_t i = 0;
	uint64_t done_now = 0;
	struct iovec rem[BATCH_IOV];
	while (i < n) {
		check_budget(r, done_now);
		if (b[i].len > PIECE && r->use_vm) {
			/* one block, piece by piece: its readable prefix as a whole */
			b[i].got = 0;
			while (b[i].got < b[i].len) {
				check_budget(r, done_now);
				uint64_t k = b[i].len - b[i].got < PIECE ? b[i].len - b[i].got : PIECE;
				struct iovec lo = {b[i].data + b[i].got, k};
				struct iovec re = {(void *)(uintptr_t)(b[i].addr + b[i].got), k};
				ssize_t got = process_vm_readv(r->pid, &lo, 1, &re, 1, 0);
				if (got == (ssize_t)k) {
					b[i].got += k;
					done_now += k;
					continue;
				}
				/* the rest page by page, keeping the readable prefix */
				struct block rest = {b[i].addr + b[i].got, b[i].len - b[i].got, 0, b[i].data + b[i].got};
				salvage(r, &rest);
				b[i].got += rest.got;
				done_now += rest.got;
				break;
			}
			i++;
			continue;
		}
		size_t k = n - i < BATCH_IOV ? n - i : BATCH_IOV;
		/* a batch stops before a big block (read above) */
		for (size_t j = 1; j < k; j++)
			if (b[i + j].len > PIECE && r->use_vm) {
				k = j;
				break;
			}
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
		done_now += left;
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

static bool block_has(const struct block *b, uint64_t addr, size_t len)
{
	return addr >= b->addr && addr - b->addr <= b->got && len <= b->got - (addr - b->addr);
}

/* The fetched block holding all of [addr, addr+len), or NULL; failed (may
 * be NULL): set when a block asked for all of it and got less. */
static const struct block *find_block(struct gm_live_reader *r, uint64_t addr, size_t len, bool *failed)
{
	if (failed)
		*failed = false;
	/* the block of the last hit in the same page first: a plan reads
	 * the g's and their labels in address order, a few streams at a time
	 * (each from one merged range), and each round's binary search costs
	 * a few cache misses */
	const struct block **h = &r->hint[(size_t)(addr >> 12) % LIVE_HINTS];
	if (*h && block_has(*h, addr, len))
		return *h;
	/* no range fetched touches its page: not copied, nor asked for */
	uint64_t pg = addr >> 12;
	if (!(r->pages[(pg % LIVE_PAGE_BITS) / 64] >> (pg % 64) & 1))
		return NULL;
	bool short_read = false;
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
		if (block_has(b, addr, len))
			return *h = b;
		if (addr - b->addr <= b->len && len <= b->len - (addr - b->addr))
			short_read = true;
	}
	if (failed)
		*failed = short_read;
	return NULL;
}

bool gm_live_read(struct gm_live_reader *r, uint64_t addr, void *buf, size_t len)
{
	const struct block *b = find_block(r, addr, len, NULL);
	if (b) {
		memcpy(buf, b->data + (addr - b->addr), len);
		return true;
	}
	/* a read of the process outside a fetch (a plan's own): the budget
	 * bounds it as it bounds the copy */
	check_budget(r, 0);
	return remote_read(r, addr, buf, len);
}

void gm_live_check_budget(struct gm_live_reader *r)
{
	check_budget(r, 0);
}

const uint8_t *gm_live_copied(struct gm_live_reader *r, uint64_t addr, size_t len, bool *failed)
{
	*failed = false;
	if (len == 0 || addr + len < addr)
		return NULL;
	const struct block *b = find_block(r, addr, len, failed);
	return b ? b->data + (addr - b->addr) : NULL;
}

bool gm_live_u64(struct gm_live_reader *r, uint64_t addr, uint64_t *out)
{
	return gm_live_read(r, addr, out, 8);
}

void gm_live_want(struct gm_live_reader *r, uint64_t addr, uint64_t len)
{
	if (len <= 4096 && len && find_block(r, addr, (size_t)len, NULL))
		return;
	live_want_new(r, addr, len);
}

void live_want_new(struct gm_live_reader *r, uint64_t addr, uint64_t len)
{
	if (len == 0 || addr == 0 || addr >> 63)
		return;
	if (len > MAX_WANT_LEN)
		len = MAX_WANT_LEN;
	if (addr + len < addr || (addr + len) >> 63)
		return;
	if (r->nq) {
		/* next to the range queued last (a reader's fields one after
		 * the other): one range, fewer to sort */
		struct want *q = &r->q[r->nq - 1];
		if (addr >= q->addr && addr <= q->addr + q->len + MERGE_GAP) {
			if (addr + len > q->addr + q->len && addr + len - q->addr <= MAX_WANT_LEN)
				q->len = addr + len - q->addr;
			if (addr + len <= q->addr + q->len)
				return;
		}
	}
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

struct gm_error *gm_live_fetch(struct gm_live_reader *r)
{
	if (r->nq == 0)
		return NULL;
	if (r->p->nrounds == MAX_ROUNDS)
		return gm_error_create(GM_ERR_UNSUPPORTED, "live: too many copy rounds");
	/* the sort and the setup of the blocks: 12-30 ms for 100,000 ranges
	 * on a loaded 2-core machine, longer than the copy checks the clock */
	check_budget_ahead(r, 0, (uint64_t)r->nq * FETCH_PREP_NS);
	gm_sort_by_key(r->q, r->nq, sizeof(*r->q)); /* by addr, the first member */
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
		if (!r->resumed && r->stopped)
			r->unprepared += total; /* its pages are faulted in during the stop */
	}
	rd->n = m;
	uint64_t off = 0;
	for (size_t i = 0; i < m; i++) {
		rd->b[i] = (struct block){r->q[i].addr, r->q[i].len, 0, rd->buf + off};
		off += r->q[i].len;
	}
	r->p->nrounds++;
	for (size_t i = 0; i < m; i++) /* gm_live_copied's filter */
		for (uint64_t pg = rd->b[i].addr >> 12; pg <= (rd->b[i].addr + rd->b[i].len - 1) >> 12; pg++) {
			if (pg - (rd->b[i].addr >> 12) >= LIVE_PAGE_BITS)
				break; /* every bit is set by now */
			r->pages[(pg % LIVE_PAGE_BITS) / 64] |= 1ull << (pg % 64);
		}
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


/* Parses /proc/PID/maps; file paths go to p->paths (owned). */
struct gm_error *live_read_maps(struct gm_live_reader *r, struct mapinfo **ret, size_t *nret)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/maps", r->pid);
	*ret = NULL;
	*nret = 0;
	size_t len;
	char *s = live_read_text_file(path, &len);
	if (!s)
		return live_access_error(r->pid, errno, "read its memory map");
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

/* Where the runs of pages a scan finds go: the copy (r), a count of their
 * bytes (count), and with pre, also recorded for the stop (the scan before
 * it). */
struct sink {
	struct gm_live_reader *r;
	uint64_t *count;
	struct live_prescan *pre;
};

static void sink_run(struct sink *k, uint64_t a, uint64_t n)
{
	if (k->r)
		gm_live_want(k->r, a, n);
	else
		*k->count += n;
	struct live_prescan *p = k->pre;
	if (!p || p->overflow)
		return;
	if (p->nruns == p->capruns) {
		size_t nc = p->capruns ? p->capruns * 2 : 1024;
		struct want *nr = nc <= PRESCAN_MAX_RUNS ? realloc(p->runs, nc * sizeof(*nr)) : NULL;
		if (!nr) {
			p->overflow = true; /* the stop scans every mapping then */
			return;
		}
		p->runs = nr;
		p->capruns = nc;
	}
	p->runs[p->nruns++] = (struct want){a, n};
}

/* The present (or swapped) pages of [start, end), from /proc/PID/pagemap;
 * the whole range when pagemap cannot be read. */
/* anon_only: only the pages a private file mapping holds as anonymous
 * copies (pagemap bit 61 clear: written, e.g. relocated by the dynamic
 * loader), what the kernel's coredump saves of such a mapping. */
static void want_present(struct sink *k, int pmfd, uint64_t start, uint64_t end, bool anon_only)
{
	if (pmfd < 0 && anon_only)
		return;
	if (pmfd < 0) {
		sink_run(k, start, end - start);
		return;
	}
	enum { CHUNK = 8192 };
	uint64_t ent[CHUNK];
	uint64_t run = 0;
	bool in_run = false;
	for (uint64_t a = start; a < end;) {
		if (k->r)
			check_budget(k->r, 0); /* the scan during the stop is in the pause too */
		uint64_t npages = (end - a) / 4096;
		if (npages > CHUNK)
			npages = CHUNK;
		ssize_t n = pread(pmfd, ent, npages * 8, (off_t)(a / 4096 * 8));
		if (n <= 0) {
			if (in_run)
				sink_run(k, run, a - run);
			if (!anon_only) /* a file's text is not copied on a guess */
				sink_run(k, a, end - a);
			return;
		}
		size_t cnt = (size_t)n / 8;
		for (size_t i = 0; i < cnt; i++, a += 4096) {
			bool present = (ent[i] >> 63) & 1 || (ent[i] >> 62) & 1;
			if (anon_only)
				present = (ent[i] >> 63) & 1 && !((ent[i] >> 61) & 1);
			if (present && !in_run) {
				run = a;
				in_run = true;
			} else if (!present && in_run) {
				sink_run(k, run, a - run);
				in_run = false;
			}
		}
	}
	if (in_run)
		sink_run(k, run, end - run);
}

/* The scan before the stop of the mapping [start, end) with these
 * permissions, when it is one whose pagemap the stop does not read again:
 * at least PRESCAN_SPARSE_MIN of address space of which under
 * 1/PRESCAN_SPARSE_FRAC was present (a -race build's shadow, C malloc's
 * reserved arenas). Reading the pagemap costs 8 bytes a page, present or
 * not: for those it is most of the stop and finds almost nothing. NULL:
 * scan it. */
/* The scan before the stop of exactly this mapping (same bounds and
 * permissions), or NULL. */
static const struct live_premap *find_premap(const struct live_prescan *p, const struct mapinfo *m)
{
	if (!p || p->overflow)
		return NULL;
	size_t lo = 0, hi = p->nmaps;
	while (lo < hi) { /* the maps are sorted by address */
		size_t mid = lo + (hi - lo) / 2;
		if (p->maps[mid].start < m->start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= p->nmaps)
		return NULL;
	const struct live_premap *pm = &p->maps[lo];
	if (pm->start != m->start || pm->end != m->end || memcmp(pm->perms, m->perms, 4) != 0)
		return NULL;
	return pm;
}

static const struct live_premap *sparse_premap(const struct live_prescan *p, const struct mapinfo *m)
{
	if (m->end - m->start < PRESCAN_SPARSE_MIN)
		return NULL;
	const struct live_premap *pm = find_premap(p, m);
	if (!pm || pm->present * PRESCAN_SPARSE_FRAC >= pm->end - pm->start)
		return NULL;
	return pm;
}

/* what `dump` copies: into k (k->r NULL: only counted); pre: the scan
 * before the stop (k->pre NULL), whose sparse mappings are not scanned
 * again */
static void full_memory(int pid, struct sink *k, const struct mapinfo *mi, size_t n,
			const struct live_prescan *pre, struct live_priv *unc)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/pagemap", pid);
	int pmfd = open(path, O_RDONLY | O_CLOEXEC);
	struct live_prescan *rec = k->pre;
	for (size_t i = 0; i < n; i++) {
		const struct mapinfo *m = &mi[i];
		if (m->perms[0] != 'r')
			continue;
		if (m->path && (!strcmp(m->path, "[vvar]") || !strcmp(m->path, "[vsyscall]") ||
				!strcmp(m->path, "[vvar_vclock]")))
			continue;
		k->pre = NULL; /* only the runs of the pages scanned are recorded */
		if (m->path && !strcmp(m->path, "[vdso]")) {
			sink_run(k, m->start, m->end - m->start);
			continue;
		}
		bool file = m->path && m->path[0] == '/';
		if (file && m->off == 0) /* the ELF headers, as the kernel's coredump_filter bit 4 */
			sink_run(k, m->start, 4096);
		if (m->perms[1] == 'w' || !file) {
			const struct live_premap *skip = unc ? find_premap(pre, m) : NULL;
			if (skip && skip->skip) {
				struct gm_uncopied *nu = realloc(unc->uncopied, (unc->nuncopied + 1) * sizeof(*nu));
				if (nu) { /* else copied after all */
					unc->uncopied = nu;
					nu[unc->nuncopied++] = (struct gm_uncopied){m->start, m->end, skip->present};
					continue;
				}
			}
			const struct live_premap *pm = sparse_premap(pre, m);
			if (pm) {
				for (size_t j = 0; j < pm->nruns; j++)
					sink_run(k, pre->runs[pm->run0 + j].addr, pre->runs[pm->run0 + j].len);
				continue;
			}
			struct live_premap *rm = NULL;
			if (rec && !rec->overflow) {
				if (rec->nmaps == rec->capmaps) {
					size_t nc = rec->capmaps ? rec->capmaps * 2 : 256;
					struct live_premap *nm = nc <= PRESCAN_MAX_RUNS
									 ? realloc(rec->maps, nc * sizeof(*nm))
									 : NULL;
					if (!nm)
						rec->overflow = true;
					else {
						rec->maps = nm;
						rec->capmaps = nc;
					}
				}
				if (!rec->overflow) {
					rm = &rec->maps[rec->nmaps++];
					*rm = (struct live_premap){.start = m->start, .end = m->end, .run0 = rec->nruns,
								   .anon = !m->path};
					memcpy(rm->perms, m->perms, sizeof(rm->perms));
				}
			}
			uint64_t before = k->r ? 0 : *k->count;
			k->pre = rec;
			want_present(k, pmfd, m->start, m->end, false);
			k->pre = NULL;
			if (rm && !rec->overflow) {
				rm->nruns = rec->nruns - rm->run0;
				rm->present = *k->count - before;
			}
		} else if (m->perms[3] == 'p') { /* relro: a shared library's relocated words */
			want_present(k, pmfd, m->start, m->end, true);
		}
	}
	k->pre = rec;
	if (pmfd >= 0)
		close(pmfd);
}

void live_want_full_memory(struct gm_live_reader *r, const struct mapinfo *mi, size_t n)
{
	uint64_t unused = 0;
	struct sink k = {r, &unused, NULL};
	full_memory(r->pid, &k, mi, n, &r->p->prescan, r->p);
}

static int cmp_premap_present(const void *a, const void *b)
{
	const struct live_premap *x = *(const struct live_premap *const *)a;
	const struct live_premap *y = *(const struct live_premap *const *)b;
	return (x->present < y->present) - (x->present > y->present); /* biggest first */
}

#define UNCOPIED_MIN (16ull << 20) /* a mapping is left out only from this many present bytes */

uint64_t live_choose_uncopied(struct gm_live_reader *r, uint64_t est, uint64_t limit,
			      bool (*must_copy)(void *, struct gm_live_reader *, uint64_t, uint64_t),
			      void *arg)
{
	struct live_prescan *p = &r->p->prescan;
	if (!limit || est <= limit || p->overflow || !p->nmaps)
		return 0;
	const struct live_premap **v = malloc(p->nmaps * sizeof(*v));
	if (!v)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < p->nmaps; i++) {
		const struct live_premap *pm = &p->maps[i];
		if (pm->anon && pm->present >= UNCOPIED_MIN && !memcmp(pm->perms, "rw-p", 4))
			v[n++] = pm;
	}
	qsort(v, n, sizeof(*v), cmp_premap_present);
	uint64_t saved = 0;
	for (size_t i = 0; i < n && est - saved > limit; i++) {
		if (must_copy && must_copy(arg, r, v[i]->start, v[i]->end))
			continue;
		((struct live_premap *)v[i])->skip = true;
		saved += v[i]->present;
	}
	free(v);
	return saved;
}

uint64_t live_copy_limit(void)
{
	const char *e = getenv("GOMORTEM_COPY_LIMIT_MB");
	if (e && *e) {
		char *end;
		unsigned long long mb = strtoull(e, &end, 10);
		if (!*end)
			return mb > (UINT64_MAX >> 20) ? 0 : (uint64_t)mb << 20;
	}
	return gm_mem_available() / 2;
}

void live_prescan_free(struct live_prescan *p)
{
	free(p->maps);
	free(p->runs);
	*p = (struct live_prescan){0};
}

uint64_t live_estimate_full_memory(struct gm_live_reader *r)
{
	struct mapinfo *mi = NULL;
	size_t n = 0;
	char **paths0 = r->p->paths;
	size_t npaths0 = r->p->npaths;
	struct gm_error *err = live_read_maps(r, &mi, &n);
	if (err) {
		gm_error_destroy(err);
		return 0;
	}
	uint64_t count = 0;
	live_prescan_free(&r->p->prescan);
	struct sink k = {NULL, &count, &r->p->prescan};
	full_memory(r->pid, &k, mi, n, NULL, NULL);
	free(mi);
	for (size_t i = 0; i < r->p->npaths; i++)
		free(r->p->paths[i]);
	free(r->p->paths);
	r->p->paths = paths0;
	r->p->npaths = npaths0;
	return count;
}

/* The used part of every stopped thread's stack, for native unwinding
 * (threads, goroutines --native): from just below rsp (the red zone) up to
 * 256 KiB, inside the mapping that holds rsp when it is the main stack or
 * an anonymous mapping of at most 16 MiB (pthread stacks; not the Go heap
 * arenas, whose goroutine stacks the Go collector copies exactly). */
#define THREAD_STACK_COPY (256u << 10)
void live_want_thread_stacks(struct gm_live_reader *r, const struct mapinfo *mi, size_t n)
{
	for (size_t t = 0; t < r->nthreads; t++) {
		const struct gm_thread *th = &r->threads[t];
		if (!th->regs_live)
			continue;
		uint64_t sp = th->r.sp;
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
