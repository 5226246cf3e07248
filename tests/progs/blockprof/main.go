// blockprof: the scenario of tests/blockproftest.py (gomortem profile
// block|mutex). It records every blocking event and every mutex contention
// (SetBlockProfileRate(1), SetMutexProfileFraction(1)), blocks on channels
// at known call sites (a plain receive, a receive in an inlined helper, a
// select, a WaitGroup) and contends on a sync.Mutex at known sites (a plain
// function and an inlined helper), waits until every goroutine it started
// is done (nothing blocks or contends any more), writes its own block and
// mutex profiles with pprof.Lookup(...).WriteTo(w, 0) to READY_FILE.block
// and READY_FILE.mutex (twice, so the writer's own first-time work is not
// what the second write sees), then writes READY_FILE and parks until the
// harness's SIGQUIT (GOTRACEBACK=crash). The whole run takes tens of ms.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	mu   sync.Mutex
	hits int
)

//go:noinline
func chanRecv(n int) {
	c := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			time.Sleep(100 * time.Microsecond)
			c <- i
		}
	}()
	for i := 0; i < n; i++ {
		<-c
	}
}

// inlined into chanRecvInl
func recvOne(c chan int) int { return <-c }

//go:noinline
func chanRecvInl(n int) {
	c := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			time.Sleep(100 * time.Microsecond)
			c <- i
		}
	}()
	for i := 0; i < n; i++ {
		hits += recvOne(c)
	}
}

//go:noinline
func selectWait(n int) {
	a, b := make(chan int), make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			time.Sleep(100 * time.Microsecond)
			if i%2 == 0 {
				a <- i
			} else {
				b <- i
			}
		}
	}()
	for i := 0; i < n; i++ {
		select {
		case <-a:
		case <-b:
		}
	}
}

// holdLock keeps mu for a while so that others contend: the mutex profile
// charges the delay to the Unlock here.
//
//go:noinline
func holdLock(d time.Duration) {
	mu.Lock()
	time.Sleep(d)
	mu.Unlock()
}

// inlined into contendInl
func bump() {
	mu.Lock()
	time.Sleep(50 * time.Microsecond)
	hits++
	mu.Unlock()
}

//go:noinline
func contendInl(n int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < n; i++ {
		bump()
	}
}

//go:noinline
func contend(n int) {
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				holdLock(100 * time.Microsecond)
			}
		}()
	}
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go contendInl(n, &wg)
	}
	wg.Wait()
}

func write(path, name string) {
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	if err := pprof.Lookup(name).WriteTo(f, 0); err != nil {
		panic(err)
	}
	if err := f.Close(); err != nil {
		panic(err)
	}
}

func main() {
	debug.SetGCPercent(-1) // no collection between the writes and the crash
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	ready := os.Args[1]
	chanRecv(20)
	chanRecvInl(20)
	selectWait(20)
	contend(10)
	// every goroutine started above has finished; let the last ones go
	time.Sleep(5 * time.Millisecond)
	for i := 0; i < 2; i++ {
		write(ready+".block", "block")
		write(ready+".mutex", "mutex")
	}
	if err := os.WriteFile(ready, []byte("ok\n"), 0o644); err != nil {
		panic(err)
	}
	// parked for good: a goroutine that never wakes records no block event
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	select {}
}
