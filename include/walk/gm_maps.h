/* gm_maps: every memory mapping of the target, classified, and how much of
 * the mapped memory the Go runtime does not account for (issue 6).
 *
 * Mappings: the core's PT_LOAD segments (a live process: the ranges copied
 * from it), named by NT_FILE (live: /proc/PID/maps). Classes:
 *   go_heap        the readable part of Go heap arenas (mheap_.allArenas,
 *                  64 MiB each on linux/amd64); goroutine stacks live there
 *                  too (MemStats.StackInuse, reported, not a mapping)
 *   go_heap_index  mheap_.arenas' level-2 array (32 MiB, never counted in
 *                  MemStats.Sys)
 *   go_binary      mappings of the executable, and its bss right after them
 *   go_plugin      mappings of the Go plugins the program opened
 *                  (plugin.Open: the modules chained to the executable's
 *                  gobin, next_module)
 *   shared_library other *.so files (dlopen, the C library)
 *   file           other mapped files
 *   thread_stack   an anonymous mapping holding a thread's stack pointer
 *                  or an M's g0 stack (runtime.allm: with cgo, the pthread
 *                  stacks of the Ms, 8 MiB each and mostly untouched; a
 *                  crash core catches every thread on its signal stack, in
 *                  the Go heap, so the stack pointers alone miss them)
 *   c_malloc       glibc malloc's per-thread arenas: a mapping aligned to
 *                  64 MiB (HEAP_MAX_SIZE) starting with a consistent
 *                  heap_info (ar_ptr, prev, size <= mprotect_size <= the
 *                  mapping); C allocations, outside MemStats
 *   race_detector  a -race build's ThreadSanitizer shadow and meta shadow
 *                  (its Go mapping on linux/amd64: shadow from 0x200000000000,
 *                  meta from 0x300000000000, up to 0x400000000000); its
 *                  internal allocator's mappings stay anonymous
 *   anonymous      everything else that is readable: the runtime's off-heap
 *                  memory (spans, GC metadata, ...: MemStats.Sys minus the
 *                  heap and stacks) and memory the runtime never saw
 *                  (syscall.Mmap, cgo malloc)
 *   reserved       address space with nothing saved (PROT_NONE
 *                  reservations, pages the kernel did not dump)
 * unaccounted = anonymous - (Sys - HeapSys - StackInuse - work bufs - the
 * runtime's own OS thread stacks (StackSys - StackInuse, when the
 * thread_stack mappings hold that much)): memory
 * outside the Go heap that pprof and MemStats do not show, as address space.
 * In use: the anonymous and c_malloc mappings' pages that hold a non-zero
 * byte (a core has the pages the kernel never faulted in as holes, a live
 * read copies only present pages: both read as zeros), so
 * unaccounted_in_use = min(unaccounted, anonymous in use) is at most what
 * of it is really used: reservations and untouched pages do not count. */
#ifndef GM_MAPS_H
#define GM_MAPS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_error.h"
#include "gm_gobin.h"
#include "gm_heap.h"
#include "gm_layout.h"
#include "gm_target.h"

enum gm_map_class {
	GM_MAP_GO_HEAP, GM_MAP_GO_HEAP_INDEX, GM_MAP_GO_BINARY, GM_MAP_GO_PLUGIN, GM_MAP_SHLIB, GM_MAP_FILE,
	GM_MAP_THREAD_STACK, GM_MAP_C_MALLOC, GM_MAP_RACE, GM_MAP_ANON, GM_MAP_RESERVED, GM_MAP_NCLASSES
};
extern const char *const gm_map_class_names[GM_MAP_NCLASSES];

struct gm_map_region {
	uint64_t start, end;
	enum gm_map_class cls;
	const char *path;         /* file mappings; points into the target */
	uint64_t in_use;          /* anonymous, c_malloc: bytes of the pages holding a non-zero byte */
	bool not_copied;          /* live: left out of the copy (the copy limit): in_use counts
				   * its resident pages instead (gm_target.uncopied) */
};

struct gm_maps_report {
	struct gm_map_region *v;  /* by address */
	size_t n;
	uint64_t bytes[GM_MAP_NCLASSES];
	uint64_t arenas;          /* heap arenas known */
	uint64_t mapped;          /* everything but reserved */
	bool race;                /* a -race build (gm_gobin_is_race) */
	uint64_t in_use[GM_MAP_NCLASSES]; /* anonymous and c_malloc only: non-zero pages */
	uint64_t unaccounted_in_use; /* min(unaccounted, in_use[anonymous]), when unaccounted_known */
	/* from the heap statistics (gm_heap_collect) */
	bool have_heap;
	uint64_t sys, heap_sys, stack_inuse, go_offheap; /* go_offheap: Sys - HeapSys - StackInuse - work bufs - OS stacks */
	int64_t unaccounted;      /* anonymous - go_offheap; meaningful only when unaccounted_known */
	bool unaccounted_known;   /* have_heap and the anonymous mappings hold at least
				   * go_offheap (the runtime's off-heap memory lives in them:
				   * less is damage, a problem says so) */
	char problem[240];
};

/* heap: the heap statistics when the caller has them (summary), else NULL:
 * the walker collects them itself. */
struct gm_error *gm_maps_collect(struct gm_target *t, const struct gm_gobin *gb,
				 const struct gm_layout *l, const struct gm_heap_report *heap,
				 struct gm_maps_report **ret);
void gm_maps_report_destroy(struct gm_maps_report *r);

#endif
