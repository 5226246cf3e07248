/* Fuzz target: the ELF core reader (header, program headers, notes,
 * segments) and, through the same entry point, zstd-compressed cores. The
 * input is the core file. Every byte of memory the reader says exists is
 * touched, so a segment that points past the mapped file is an ASan report. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "gm_memsrc.h"
#include "gm_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct gm_target *t;
	struct gm_error *err = gm_target_open_core(gmf_memfd_path(d, n), &t);
	if (err) {
		if (!err->msg[0])
			abort(); /* every error says something */
		gm_error_destroy(err);
		return 0;
	}
	volatile uint64_t sink = 0;
	size_t ns = gm_memsrc_nsegments(t->mem);
	for (size_t i = 0; i < ns; i++) {
		const struct gm_segment *s = gm_memsrc_segment(t->mem, i);
		if (s->filesz > s->memsz)
			abort();
		if (s->filesz) {
			/* first and last saved byte, straight from the segment */
			sink += s->data[0] + s->data[s->filesz - 1];
			uint64_t v;
			if (gm_memsrc_u64(t->mem, s->vaddr, &v))
				sink += v;
			const uint8_t *p = gm_memsrc_ptr(t->mem, s->vaddr + s->filesz - 1, 1);
			if (p)
				sink += *p;
		}
		uint8_t buf[64];
		if (s->memsz > 32)
			(void)gm_memsrc_try_read(t->mem, s->vaddr + s->memsz - 32, buf, 64);
	}
	for (size_t i = 0; i < t->nmaps; i++)
		sink += strlen(t->maps[i].path);
	for (size_t i = 0; i < t->nthreads; i++)
		sink += t->threads[i].regs.rip;
	if (t->exe_path)
		sink += strlen(t->exe_path);
	if (t->comm)
		sink += strlen(t->comm);
	if (t->psargs)
		sink += strlen(t->psargs);
	(void)sink;
	gm_target_destroy(t);
	return 0;
}
