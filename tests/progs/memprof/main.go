// memprof: the scenario of tests/memproftest.py (gomortem heap --profile).
// It samples allocations densely (MemProfileRate 512: many samples, and the
// profile's scaling is exercised), allocates from known call sites (a plain
// function, an inlined helper, a generic function, a closure), frees part
// of them and publishes a profile cycle with runtime.GC, allocates some
// more after it (not yet published: the runtime keeps those in the future
// cycles), writes its own heap profile with pprof.WriteHeapProfile to
// READY_FILE.prof (twice through the same code: the first write creates
// the buckets of the writer's own allocations), then writes READY_FILE and
// parks until the harness's SIGQUIT (GOTRACEBACK=crash).
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"time"
)

type node struct {
	next *node
	pad  [5]uint64
}

type big struct{ a [512]uint64 }

var (
	keepNodes []*node
	keepBig   []*big
	keepBuf   [][]byte
	keepGen   []any
	keepLate  []*node
	sink      *node
)

//go:noinline
func allocNodes(n int) {
	for i := 0; i < n; i++ {
		keepNodes = append(keepNodes, &node{})
	}
}

// inlined into its caller
func newBuf(n int) []byte { return make([]byte, n) }

//go:noinline
func allocBufs(n int) {
	for i := 0; i < n; i++ {
		keepBuf = append(keepBuf, newBuf(200+i%3))
	}
}

type pair[T any] struct{ a, b T }

//go:noinline
func allocGeneric[T any](n int, v T) {
	for i := 0; i < n; i++ {
		keepGen = append(keepGen, &pair[T]{v, v})
	}
}

//go:noinline
func allocGarbage(n int) {
	for i := 0; i < n; i++ {
		sink = &node{}
		_ = make([]byte, 1000)
	}
}

func write(path string) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

//go:noinline
func warmup() {
	for i := 0; i < 16<<10; i++ {
		_ = make([]byte, 1024)
	}
}

func main() {
	// One P, so one mcache: its next sample point was drawn with the
	// default rate (512 KiB on average) when the P was made; 16 MiB of
	// garbage moves past it, and from then on every ~512 bytes is sampled.
	// The collector is off from here on (no GC cycle may start or be under
	// way while the sites allocate): the one runtime.GC() below publishes
	// everything allocated before it.
	runtime.GOMAXPROCS(1)
	debug.SetGCPercent(-1)
	runtime.MemProfileRate = 512
	warmup()
	ready := os.Args[1]
	// something to wait for, so that the final select is not a deadlock
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	allocNodes(20000)
	allocBufs(3000)
	allocGeneric[int64](2000, 1)
	allocGeneric[string](2000, "x")
	func() {
		for i := 0; i < 300; i++ {
			keepBig = append(keepBig, &big{})
		}
	}()
	allocGarbage(20000)
	keepNodes = keepNodes[:5000] // the rest is freed by the GC below
	runtime.GC()
	// after the last GC: counted in a future cycle, not in the profile
	for i := 0; i < 5000; i++ {
		keepLate = append(keepLate, &node{})
	}
	for i := 0; i < 2; i++ {
		write(ready + ".prof")
	}
	if err := os.WriteFile(ready, []byte("ok\n"), 0o644); err != nil {
		panic(err)
	}
	select {}
}
