// manyg parks N goroutines in four groups of identical stacks (different
// depths and wait reasons), writes a ready file, then blocks until killed.
// Used by the benchmark: gomortem's grouped listing on a core of ~225,000
// goroutines. Usage: manyg N READYFILE
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"
)

var (
	never = make(chan int)
	mu    sync.Mutex
	sel1  = make(chan int)
	sel2  = make(chan string)
)

//go:noinline
func recvDepth(n int) int {
	if n == 0 {
		return <-never
	}
	return recvDepth(n-1) + 1
}

//go:noinline
func lockDepth(n int) int {
	if n == 0 {
		mu.Lock()
		return 0
	}
	return lockDepth(n-1) + 1
}

//go:noinline
func selectDepth(n int) int {
	if n == 0 {
		select {
		case v := <-sel1:
			return v
		case s := <-sel2:
			return len(s)
		}
	}
	return selectDepth(n-1) + 1
}

//go:noinline
func sleepDepth(n int) int {
	if n == 0 {
		time.Sleep(24 * time.Hour)
		return 0
	}
	return sleepDepth(n-1) + 1
}

func main() {
	n, err := strconv.Atoi(os.Args[1])
	if err != nil {
		panic(err)
	}
	debug.SetGCPercent(400)
	mu.Lock() // held forever: lockers park in sync.Mutex.Lock
	base := runtime.NumGoroutine()
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			go recvDepth(5)
		case 1:
			go lockDepth(12)
		case 2:
			go selectDepth(30)
		case 3:
			go sleepDepth(20)
		}
	}
	for runtime.NumGoroutine() < base+n {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	if err := os.WriteFile(os.Args[2], []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	<-never
}
