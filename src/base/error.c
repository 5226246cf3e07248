#include "gm_error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct gm_error gm_error_nomem = {.code = GM_ERR_NOMEM, .msg = "out of memory"};

static struct gm_error *error_vcreate(enum gm_err_code code, const char *fmt, va_list ap)
{
	struct gm_error *e = calloc(1, sizeof(*e));
	if (!e)
		return &gm_error_nomem;
	e->code = code;
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	return e;
}

struct gm_error *gm_error_create(enum gm_err_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct gm_error *e = error_vcreate(code, fmt, ap);
	va_end(ap);
	return e;
}

struct gm_error *gm_error_os(int errnum, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct gm_error *e = error_vcreate(GM_ERR_OS, fmt, ap);
	va_end(ap);
	if (e == &gm_error_nomem)
		return e;
	e->errnum = errnum;
	size_t n = strlen(e->msg);
	snprintf(e->msg + n, sizeof(e->msg) - n, ": %s", strerror(errnum));
	return e;
}

struct gm_error *gm_error_fault(uint64_t addr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct gm_error *e = error_vcreate(GM_ERR_FAULT, fmt, ap);
	va_end(ap);
	if (e != &gm_error_nomem)
		e->addr = addr;
	return e;
}

struct gm_error *gm_error_wrap(struct gm_error *err, const char *fmt, ...)
{
	if (!err || err == &gm_error_nomem)
		return err;
	char prefix[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	char old[sizeof(err->msg)];
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old);
	return err;
}

void gm_error_destroy(struct gm_error *err)
{
	if (err && err != &gm_error_nomem)
		free(err);
}

void gm_first_problem(char *buf, size_t n, const char *fmt, ...)
{
	if (!n || buf[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, n, fmt, ap);
	va_end(ap);
}
