/* Writes an ELF core file of a live target (src/target/coredump_write.c). */
#ifndef GM_COREDUMP_H
#define GM_COREDUMP_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_file.h"
#include "gm_target.h"

struct gm_coredump_stats {
	uint64_t segments;       /* PT_LOADs */
	uint64_t memory_bytes;   /* bytes of target memory saved */
	uint64_t zero_bytes;     /* of those, in whole zero pages (never touched, or zeroed) */
	uint64_t file_bytes;     /* bytes written to the file (compressed when zstd) */
};

/* ET_CORE for x86-64: PT_NOTE (NT_PRSTATUS per thread, NT_PRPSINFO, NT_AUXV
 * from /proc/PID/auxv, NT_FILE from the target's mappings) and one PT_LOAD per
 * copied (GM_SEG_LIVE) range, the ranges inside a zero-filled mapping
 * (gm_live_opts.zero_fill) merged with it into one. zstd: one zstd frame of
 * the whole file; a plain file has holes for whole zero pages.
 * Written to of (from gm_outfile_create: no name yet, or a random one) and
 * committed to its name when complete; of's fd is closed and of freed
 * whatever happens. */
struct gm_error *gm_coredump_write(const struct gm_target *t, struct gm_outfile *of, bool zstd,
				   struct gm_coredump_stats *st);

#endif
