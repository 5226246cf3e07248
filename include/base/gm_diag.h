/* gm_diag: the one diagnostics sink. What went wrong without stopping the
 * command (a warning about the input, a partial result, a note for the
 * description) is one record: severity, the part that found it ("target",
 * "session", "layout", a report's name) and a one-line message. Every layer
 * emits into the sink it is given (the session owns one, struct
 * gm_session.diag; the target gets a pointer to it); none prints. The
 * command layer prints the records in one place, through the hook it sets
 * with gm_diag_watch, and decides the exit code from them.
 *
 * Bounded: GM_DIAG_MAX records are kept, in order; a record that finds the
 * sink full is still counted and handed to the hook (so it is printed), but
 * not kept. */
#ifndef GM_DIAG_H
#define GM_DIAG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

enum gm_diag_sev {
	GM_DIAG_NOTE,    /* a fact for the description (info's layout warnings): never printed on stderr */
	GM_DIAG_WARNING, /* the input or the read is doubtful: "gomortem: warning: MSG" */
	GM_DIAG_PARTIAL, /* a report could not read everything: "gomortem: partial results: MSG", exit code 1 */
};
#define GM_DIAG_NSEV 3

#define GM_DIAG_MAX 64
struct gm_diag_rec {
	enum gm_diag_sev sev;
	char part[24];
	char msg[1024];
};

struct gm_diag;
typedef void gm_diag_hook(void *arg, const struct gm_diag_rec *r);

struct gm_diag {
	struct gm_diag_rec rec[GM_DIAG_MAX];
	int n;                      /* records kept */
	unsigned count[GM_DIAG_NSEV]; /* records emitted, by severity (kept or not) */
	int shown;                  /* rec[0..shown) were handed to the hook */
	gm_diag_hook *hook;         /* NULL: records wait for gm_diag_watch */
	void *hook_arg;
};

/* Records one diagnostic (d NULL: nothing). With a hook set, the hook gets
 * it at once. */
void gm_diag_emit(struct gm_diag *d, enum gm_diag_sev sev, const char *part, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void gm_diag_vemit(struct gm_diag *d, enum gm_diag_sev sev, const char *part, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));
/* The kept records of sev (and of part, when part is not NULL). */
int gm_diag_count(const struct gm_diag *d, enum gm_diag_sev sev, const char *part);
/* Emitted records of sev, kept or not: "was anything partial?" */
static inline bool gm_diag_any(const struct gm_diag *d, enum gm_diag_sev sev)
{
	return d && d->count[sev] > 0;
}
/* The first problem: the message of the first kept record of sev, NULL
 * when there is none. */
const char *gm_diag_first(const struct gm_diag *d, enum gm_diag_sev sev);
/* Hands the records not yet shown to hook, in order, and sets it for the
 * records emitted later (NULL: they wait again). */
void gm_diag_watch(struct gm_diag *d, gm_diag_hook *hook, void *arg);

#endif
