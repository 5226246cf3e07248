/* Live processes: what /proc tells (text files, status, the executable,
 * access errors with their cause, registers of a --no-stop read, clocks). */
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

/* ---- small /proc helpers ---- */

char *live_read_text_file(const char *path, size_t *len)
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
	char *s = live_read_text_file(path, NULL);
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

char live_proc_state(int pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	char *s = live_read_text_file(path, NULL);
	if (!s)
		return 0;
	char *p = strrchr(s, ')');
	char c = p && p[1] == ' ' ? p[2] : 0;
	free(s);
	return c;
}

static const char *yama_note(char *buf, size_t n)
{
	char *s = live_read_text_file("/proc/sys/kernel/yama/ptrace_scope", NULL);
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
struct gm_error *live_access_error(int pid, int err, const char *what)
{
	if (err == ESRCH || err == ENOENT)
		return gm_error_create(GM_ERR_OS, "pid %d: no such process", pid);
	if (live_proc_state(pid) == 'Z')
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
			return live_access_error(pid, ESRCH, "read its executable");
		if (e == ENOENT)
			return gm_error_create(GM_ERR_OS,
					       "pid %d: its executable is gone (a zombie or a kernel thread)", pid);
		return live_access_error(pid, e, "read its executable (/proc/PID/exe)");
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

/* ---- registers of a --no-stop read: /proc/PID/task/TID/syscall ---- */

void live_regs_from_syscall_file(int pid, struct gm_thread *th)
{
	char path[96];
	snprintf(path, sizeof(path), "/proc/%d/task/%d/syscall", pid, th->tid);
	char *s = live_read_text_file(path, NULL);
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
		if (GM_ARCH_HOST == GM_ARCH_ARM64) {
			th->regs_arm64.sp = v[k - 2];
			th->regs_arm64.pc = v[k - 1];
		} else {
			th->regs.rsp = v[k - 2];
			th->regs.rip = v[k - 1];
		}
		th->r.sp = v[k - 2];
		th->r.pc = v[k - 1];
	}
	free(s);
}

/* ---- clocks ---- */

/* The target's CLOCK_MONOTONIC offset relative to ours (time namespaces). */
int64_t live_monotonic_offset(int pid)
{
	char path[64];
	int64_t o[2] = {0, 0};
	for (int w = 0; w < 2; w++) {
		if (w == 0)
			snprintf(path, sizeof(path), "/proc/%d/timens_offsets", pid);
		else
			snprintf(path, sizeof(path), "/proc/self/timens_offsets");
		char *s = live_read_text_file(path, NULL);
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

uint64_t live_mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

unsigned live_env_ms(const char *name, unsigned dflt)
{
	const char *e = getenv(name);
	if (!e || !*e)
		return dflt;
	char *end;
	unsigned long v = strtoul(e, &end, 10);
	return *end || v > 3600000 ? dflt : (unsigned)v;
}
