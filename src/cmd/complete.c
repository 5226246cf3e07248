/* What `gomortem --complete` prints for the shell completion besides the
 * command table's words (main.c): the --fail-on metric names and the PIDs of
 * the Go processes this user can read. */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gm_cli.h"
#include "gm_summary.h"

void gm_cli_complete_metrics(FILE *o, const char *prefix)
{
	for (int m = 0; m < GM_M_N; m++)
		fprintf(o, "%s%s\n", prefix, gm_metric_names[m]);
}

/* Is the ELF file at fd a Go program? Only its section headers and their
 * names are read (a few KiB): a Go linker output has .go.buildinfo (also
 * after -s -w) or the .note.go.buildid note. */
static int elf_is_go(int fd)
{
	Elf64_Ehdr eh;
	if (pread(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0 ||
	    eh.e_shnum > 4096 || eh.e_shstrndx >= eh.e_shnum)
		return 0;
	size_t n = eh.e_shnum;
	Elf64_Shdr *sh = malloc(n * sizeof *sh);
	if (!sh)
		return 0;
	int go = 0;
	char *names = NULL;
	if (pread(fd, sh, n * sizeof *sh, (off_t)eh.e_shoff) != (ssize_t)(n * sizeof *sh))
		goto out;
	const Elf64_Shdr *ss = &sh[eh.e_shstrndx];
	if (ss->sh_size == 0 || ss->sh_size > (1u << 20))
		goto out;
	names = malloc(ss->sh_size + 1);
	if (!names || pread(fd, names, ss->sh_size, (off_t)ss->sh_offset) != (ssize_t)ss->sh_size)
		goto out;
	names[ss->sh_size] = 0;
	for (size_t i = 0; i < n && !go; i++) {
		if (sh[i].sh_name >= ss->sh_size)
			continue;
		const char *nm = names + sh[i].sh_name;
		go = !strcmp(nm, ".go.buildinfo") || !strcmp(nm, ".note.go.buildid");
	}
out:
	free(names);
	free(sh);
	return go;
}

void gm_cli_complete_go_pids(FILE *o)
{
	/* executables already looked at (many processes share one) */
	enum { NSEEN = 512 };
	static struct { dev_t dev; ino_t ino; int go; } seen[NSEEN];
	size_t nseen = 0;
	DIR *d = opendir("/proc");
	if (!d)
		return;
	struct dirent *e;
	int self = (int)getpid();
	while ((e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (*end || pid <= 0 || pid == self)
			continue;
		char path[64];
		snprintf(path, sizeof path, "/proc/%ld/exe", pid);
		struct stat st;
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue; /* kernel thread, gone, or not ours to read */
		int go = -1;
		for (size_t i = 0; i < nseen; i++)
			if (seen[i].dev == st.st_dev && seen[i].ino == st.st_ino)
				go = seen[i].go;
		if (go < 0) {
			int fd = open(path, O_RDONLY | O_CLOEXEC);
			go = fd >= 0 && elf_is_go(fd);
			if (fd >= 0)
				close(fd);
			if (nseen < NSEEN)
				seen[nseen++] = (typeof(seen[0])){st.st_dev, st.st_ino, go};
		}
		if (go)
			fprintf(o, "%ld\n", pid);
	}
	closedir(d);
}
