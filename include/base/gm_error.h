/* gm_error: the one error type. Functions that can fail return
 * struct gm_error * (NULL on success) and write results through a last
 * out-parameter. The caller owns a returned error and frees it with
 * gm_error_destroy() (a no-op on NULL and on the static out-of-memory error). */
#ifndef GM_ERROR_H
#define GM_ERROR_H
#include <stddef.h>
#include <stdint.h>

enum gm_err_code {
	GM_ERR_NOMEM = 1,   /* allocation failed */
	GM_ERR_OS,          /* a system call failed: errnum, path in msg */
	GM_ERR_FORMAT,      /* input is malformed (truncated core, bad ELF, bad table) */
	GM_ERR_FAULT,       /* target memory at addr is not available */
	GM_ERR_LOOKUP,      /* a symbol, type or field was not found */
	GM_ERR_UNSUPPORTED, /* a Go version / feature we do not handle */
	GM_ERR_MISMATCH,    /* core and executable do not belong together */
	GM_ERR_USAGE,       /* bad command line */
};

struct gm_error {
	enum gm_err_code code;
	int errnum;    /* for GM_ERR_OS */
	uint64_t addr; /* for GM_ERR_FAULT */
	char msg[240];
};

struct gm_error *gm_error_create(enum gm_err_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* GM_ERR_OS with errno's text appended. */
struct gm_error *gm_error_os(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* GM_ERR_FAULT at addr. */
struct gm_error *gm_error_fault(uint64_t addr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prefix msg with more context ("reading allgs: " ...); returns err. */
struct gm_error *gm_error_wrap(struct gm_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void gm_error_destroy(struct gm_error *err);
/* The first problem of a partial result: formats into buf (n bytes) only
 * while buf is still empty, so the message names what went wrong first. */
void gm_first_problem(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

extern struct gm_error gm_error_nomem;

#endif
