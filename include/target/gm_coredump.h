/* Writes an ELF core file of a live target (src/target/coredump_write.c). */
#ifndef GM_COREDUMP_H
#define GM_COREDUMP_H
#include <stdbool.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_target.h"

struct gm_coredump_stats {
	uint64_t segments;       /* PT_LOADs */
	uint64_t memory_bytes;   /* bytes of target memory saved */
	uint64_t file_bytes;     /* bytes written to the file (compressed when zstd) */
};

/* ET_CORE for x86-64: PT_NOTE (NT_PRSTATUS per thread, NT_PRPSINFO, NT_AUXV
 * from /proc/PID/auxv, NT_FILE from the target's mappings) and one PT_LOAD per
 * copied (GM_SEG_LIVE) range. zstd: one zstd frame of the whole file. The
 * file is written under a temporary name and renamed when complete. */
struct gm_error *gm_coredump_write(const struct gm_target *t, const char *path, bool zstd,
				   struct gm_coredump_stats *st);

#endif
