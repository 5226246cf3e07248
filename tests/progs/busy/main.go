// Command busy keeps goroutines running and allocating (and others parked),
// writes a ready file, and counts its progress in a file every 50 ms: a
// target for live attaches while it runs (tests/livetest.py --busy).
//
// Usage: busy READY_FILE
// READY_FILE + ".progress" holds the number of completed work items.
//
// Keep this file compatible with Go 1.19.
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var (
	done  int64
	sink  atomic.Value
	block = make(chan int)
)

//go:noinline
func work(seed int) {
	for {
		m := make(map[int][]byte, 16)
		for i := 0; i < 64; i++ {
			m[i] = make([]byte, 128+(seed+i)%512)
		}
		sink.Store(m)
		atomic.AddInt64(&done, 1)
	}
}

//go:noinline
func spin() {
	x := 0
	for {
		x++
		if x%1000000 == 0 {
			atomic.AddInt64(&done, 1)
		}
	}
}

//go:noinline
func churn() {
	for {
		var wg sync.WaitGroup
		for i := 0; i < 20; i++ {
			wg.Add(1)
			go func(i int) { defer wg.Done(); _ = make([]byte, 1024*(i+1)) }(i)
		}
		wg.Wait()
		atomic.AddInt64(&done, 1)
	}
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: busy READY_FILE")
		os.Exit(2)
	}
	ready := os.Args[1]
	for i := 0; i < runtime.GOMAXPROCS(0); i++ {
		go work(i)
	}
	go spin()
	go churn()
	for i := 0; i < 200; i++ {
		go func() { <-block }()
	}
	if err := os.WriteFile(ready, []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	for {
		time.Sleep(50 * time.Millisecond)
		os.WriteFile(ready+".progress", []byte(strconv.FormatInt(atomic.LoadInt64(&done), 10)), 0o644)
	}
}
