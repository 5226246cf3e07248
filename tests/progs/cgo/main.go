// Command cgo is the scenario of tests/threadtest.py (issue 10, threads and
// native frames): a goroutine calls into C, where gm_cgo_outer calls
// gm_cgo_middle calls gm_cgo_inner, which blocks in read(2) on a pipe nobody
// writes; and a thread created by C code with pthread_create blocks in
// gm_cthread_outer -> gm_cthread_inner -> read(2). Neither thread is known to
// the Go scheduler as running Go code at dump time.
//
// Usage: cgo READY_FILE
// Writes READY_FILE.truth.json (pid, the blocked goroutine's id, the C
// thread's tid, every Go M's thread id is left to the dump) then READY_FILE,
// and waits to be killed.
//
// Keep this file compatible with Go 1.19.
package main

/*
#cgo CFLAGS: -O1 -fno-omit-frame-pointer
#include <pthread.h>
#include <unistd.h>
#include <sys/syscall.h>

static int gm_pipe_fds[2];
static int gm_cthread_fds[2];
static volatile long gm_cthread_tid;
static volatile long gm_cgo_tid;
static volatile int gm_depth_sink;

__attribute__((noinline)) static long gm_cgo_inner(int fd)
{
	char c;
	gm_cgo_tid = syscall(SYS_gettid);
	long n = read(fd, &c, 1);
	gm_depth_sink++;
	return n;
}

__attribute__((noinline)) static long gm_cgo_middle(int fd)
{
	long n = gm_cgo_inner(fd);
	gm_depth_sink++;
	return n + 1;
}

__attribute__((noinline)) long gm_cgo_outer(void)
{
	long n = gm_cgo_middle(gm_pipe_fds[0]);
	gm_depth_sink++;
	return n + 1;
}

__attribute__((noinline)) static long gm_cthread_inner(int fd)
{
	char c;
	gm_cthread_tid = syscall(SYS_gettid);
	long n = read(fd, &c, 1);
	gm_depth_sink++;
	return n;
}

__attribute__((noinline)) static void *gm_cthread_outer(void *arg)
{
	(void)arg;
	gm_cthread_inner(gm_cthread_fds[0]);
	gm_depth_sink++;
	return 0;
}

static int gm_setup(void)
{
	pthread_t t;
	if (pipe(gm_pipe_fds) || pipe(gm_cthread_fds))
		return -1;
	return pthread_create(&t, 0, gm_cthread_outer, 0);
}

static long gm_get_cthread_tid(void) { return gm_cthread_tid; }
static long gm_get_cgo_tid(void) { return gm_cgo_tid; }
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"time"
)

var cgoGoid = make(chan uint64, 1)

func goid() uint64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	var id uint64
	fmt.Sscanf(string(buf[:n]), "goroutine %d ", &id)
	return id
}

//go:noinline
func callIntoC() {
	cgoGoid <- goid()
	C.gm_cgo_outer()
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: cgo READY_FILE")
		os.Exit(2)
	}
	ready := os.Args[1]
	if C.gm_setup() != 0 {
		fmt.Fprintln(os.Stderr, "cgo: setup failed")
		os.Exit(1)
	}
	go callIntoC()
	id := <-cgoGoid
	deadline := time.Now().Add(30 * time.Second)
	for C.gm_get_cthread_tid() == 0 || C.gm_get_cgo_tid() == 0 {
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "cgo: threads did not start")
			os.Exit(1)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// let the blocked read settle in the kernel
	time.Sleep(100 * time.Millisecond)
	truth := map[string]interface{}{
		"pid":            os.Getpid(),
		"cgo_goid":       id,
		"cgo_tid":        int64(C.gm_get_cgo_tid()),
		"cthread_tid":    int64(C.gm_get_cthread_tid()),
		"cgo_frames":     []string{"gm_cgo_inner", "gm_cgo_middle", "gm_cgo_outer"},
		"cthread_frames": []string{"gm_cthread_inner", "gm_cthread_outer"},
	}
	b, _ := json.Marshal(truth)
	if err := os.WriteFile(ready+".truth.json", b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.WriteFile(ready, []byte("ready\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	select {}
}
