// The program gorts/gen.sh builds with each Go toolchain to read the
// runtime's layout out of its DWARF. It links runtime/pprof (so the labels
// type is in the DWARF), sets a finalizer and parks goroutines.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
)

type res struct{ n int }

func main() {
	r := &res{1}
	runtime.SetFinalizer(r, func(*res) {})
	var wg sync.WaitGroup
	pprof.Do(context.Background(), pprof.Labels("k", "v"), func(context.Context) {
		wg.Add(1)
		go func() { defer wg.Done(); fmt.Fprintln(os.Stderr, runtime.NumGoroutine()) }()
	})
	wg.Wait()
	runtime.KeepAlive(r)
}
