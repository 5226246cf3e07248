/* gm_elfnote: the one reader of ELF note areas (PT_NOTE segments, SHT_NOTE
 * sections, the note part of a saved page of headers). Every note is checked
 * against the end of the area; the last note may lack its padding. Used by
 * the core reader (NT_PRSTATUS, NT_FILE, ...), the executable reader (GNU and
 * Go build IDs) and the native modules (build IDs of shared libraries). */
#ifndef GM_ELFNOTE_H
#define GM_ELFNOTE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct gm_elfnote {
	uint32_t type;
	const uint8_t *name;    /* namesz bytes, normally NUL-terminated */
	uint32_t namesz;
	const uint8_t *desc;
	uint32_t descsz;
	uint64_t offset;        /* of the note header in the area */
};

struct gm_elfnote_iter {
	const uint8_t *d;
	uint64_t size, off;
	bool damaged;           /* stopped at a note that runs past the area */
	uint64_t damaged_at;    /* its offset */
};

void gm_elfnote_begin(struct gm_elfnote_iter *it, const uint8_t *d, uint64_t size);
/* The next note; false at the end of the area or at a note that does not
 * fit in it (it->damaged then says so). At most size/12 notes. */
bool gm_elfnote_next(struct gm_elfnote_iter *it, struct gm_elfnote *out);
/* The note's owner is `owner` ("GNU", "Go", "CORE"): the name, then only
 * NULs up to namesz (its terminator and padding, as Go's "Go\0\0"); a
 * missing terminator is accepted. */
bool gm_elfnote_owner(const struct gm_elfnote *n, const char *owner);

#endif
