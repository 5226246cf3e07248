//go:build go1.24

package main

import "runtime"

var keepDeltas []*Delta

//go:noinline
func cleanupDelta(n int) { sinkv += int64(n) }

// The cleanup goroutine (1.25+) blocks here for good.
//
//go:noinline
func cleanupBlock(n int) {
	cleanupStarted <- struct{}{}
	<-never
	sinkv += int64(n)
}

//go:noinline
func dropCleanupBlocker() {
	d := &Delta{}
	runtime.AddCleanup(d, cleanupBlock, 1)
}

func addCleanups(t *truth, minor int) {
	for i := 0; i < nDeltaKept; i++ {
		d := &Delta{}
		runtime.AddCleanup(d, cleanupDelta, i)
		keepDeltas = append(keepDeltas, d)
	}
	t.CleanupsRegistered = []entry{{Function: "main.cleanupDelta", Count: nDeltaKept, Size: 80}}
	addMultiCleanups(t)
	if minor >= 25 {
		// 1.25+ runs cleanups on their own goroutines: block the only one.
		dropCleanupBlocker()
		waitFor(cleanupStarted, "the blocking cleanup")
		t.CleanupBlockedIn = "main.cleanupBlock"
	}
}

//go:noinline
func dropCleanups() {
	for i := 0; i < nDeltaDropped; i++ {
		d := &Delta{}
		runtime.AddCleanup(d, cleanupDelta, 1000+i)
	}
}

// Several cleanups on one pointer, as AddCleanup allows (addspecial with
// force, 1.24+): the span's specials list then holds the same (offset,
// kind) several times in a row, which is no damage.
const (
	nMultiObjs = 4
	nMultiEach = 3
)

//go:noinline
func cleanupMulti(n int) { sinkv += int64(n) }

func addMultiCleanups(t *truth) {
	for i := 0; i < nMultiObjs; i++ {
		d := &Delta{}
		for j := 0; j < nMultiEach; j++ {
			runtime.AddCleanup(d, cleanupMulti, 100*i+j)
		}
		keepDeltas = append(keepDeltas, d)
	}
	t.CleanupsRegistered = append(t.CleanupsRegistered,
		entry{Function: "main.cleanupMulti", Count: nMultiObjs * nMultiEach, Size: 80})
}
