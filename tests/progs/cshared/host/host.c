/* The C program that loads the Go library (lib.go, -buildmode=c-shared, or
 * linked in with -buildmode=c-archive):
 * host READY PANIC starts the library's goroutines, waits until the file
 * PANIC exists, then calls into Go to panic. Kept out of the library's
 * directory: cgo would compile it into the library. */
#include <unistd.h>
#include "libgm.h"

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	GoStart(argv[1]);
	for (;;) {
		if (access(argv[2], F_OK) == 0)
			GoPanic();
		usleep(20000);
	}
}
