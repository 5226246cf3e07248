/* gm_cdname: systemd-coredump's core files.
 *
 * systemd-coredump stores a core as
 *     core.<comm>.<uid>.<boot_id>.<pid>.<timestamp>[.zst|.lz4|.xz]
 * (src/coredump/coredump.c make_filename): comm, uid, pid and timestamp are
 * escaped with xescape(s, "./ "): '.', '/', ' ', '\\', control characters
 * and bytes >= 0x7f become \xNN (two lowercase hex digits); boot_id is 32 hex
 * digits; the timestamp is microseconds since the epoch (the kernel's %t
 * seconds with "000000" appended); the suffix is the compression. It also
 * sets extended attributes on the file: user.coredump.pid, .uid, .gid,
 * .signal, .timestamp (microseconds), .rlimit, .hostname, .comm, .exe.
 *
 * gm_cdname_list_dir finds the cores of a directory by content, not name:
 * an ELF file of type ET_CORE, or a zstd / lz4 / xz stream whose first bytes
 * decompress to one (or to too little to tell: a cut core is still listed,
 * so it can be reported). */
#ifndef GM_CDNAME_H
#define GM_CDNAME_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "gm_decompress.h"
#include "gm_error.h"

struct gm_cdname {
	char comm[64];        /* unescaped (\xNN decoded, NUL-terminated); may be empty */
	uint32_t uid;
	char boot_id[33];     /* 32 hex digits, as in the name */
	int32_t pid;
	uint64_t timestamp_us; /* microseconds since the epoch */
	enum gm_compression compression; /* from the suffix; GM_COMP_NONE without one */
};

/* Parses a file name (the last path component is used) as systemd-coredump's.
 * GM_ERR_FORMAT, naming the part that does not fit, when it is not one. */
struct gm_error *gm_cdname_parse(const char *name, struct gm_cdname *ret);

/* systemd-coredump's extended attributes of a file. Absent attributes (and
 * file systems without xattrs) leave the have_* flags false: not an error. */
struct gm_cdxattrs {
	bool have_pid, have_uid, have_gid, have_signal, have_timestamp;
	int32_t pid;
	uint32_t uid, gid;
	int32_t signal;
	uint64_t timestamp_us;
	char *comm;     /* NULL when absent */
	char *exe;      /* NULL when absent */
	char *hostname; /* NULL when absent */
};
struct gm_error *gm_cdxattrs_read(const char *path, struct gm_cdxattrs **ret);
void gm_cdxattrs_destroy(struct gm_cdxattrs *x);

/* When a target's state was taken (gomortem summary's "taken", gomortem
 * diff's growth per minute). Live (path ignored): now. A core file: its
 * systemd-coredump time (xattr, else the file name), else the file's
 * modification time; runtime_lower_usec (a lower bound from the runtime's
 * own clocks: the last GC's wall time plus the monotonic time since, 0
 * when unknown) replaces a missing time or one more than an hour later
 * (a copied file), and the time is then a lower bound. */
struct gm_target_time {
	int64_t usec;           /* since the epoch; 0 unknown */
	const char *source;     /* where it comes from (static string), NULL unknown */
	bool lower_bound;       /* the state was taken at or after usec */
};
void gm_target_time_of(const char *path, bool live, int64_t runtime_lower_usec, struct gm_target_time *out);

struct gm_cdentry {
	char *path;                     /* dir "/" name */
	const char *name;               /* the name, inside path */
	enum gm_compression compression; /* from the magic bytes */
	bool named;                     /* the name is systemd-coredump's (cd is valid) */
	struct gm_cdname cd;
	uint64_t timestamp_us;          /* from the name, else user.coredump.timestamp, else mtime */
	uint64_t file_size;             /* bytes on disk (compressed size) */
	int errnum;                     /* non-zero: the file could not be opened or read
					 * (EACCES...); it is listed so it can be reported */
};

struct gm_cdlist {
	struct gm_cdentry *entries;     /* sorted by timestamp_us, then name */
	size_t n;
	size_t skipped_nonregular;      /* directories, sockets, FIFOs, devices, dangling links */
	size_t skipped_noncore;         /* regular files that are not (compressed) ELF cores */
	bool capped;                    /* more than max_entries cores: the first found were kept */
};

/* Lists the cores of a directory (not recursive). max_entries bounds the
 * cores kept (0: 100000). Errors: the directory cannot be opened or read. */
struct gm_error *gm_cdname_list_dir(const char *dir, size_t max_entries, struct gm_cdlist **ret);
void gm_cdlist_destroy(struct gm_cdlist *l);

#endif
