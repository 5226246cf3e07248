// leaks: goroutines proven leaked beside goroutines that look alike but
// are not, for gomortem's leak proof (tests/leakstest.py, issue 16).
//
// Leaked (functions main.leak*): parked on channels nothing else holds:
// a receive, a send, a select over two private channels, a nil channel,
// and a pair whose channels only the pair holds.
// Not leaked (functions main.keep*): parked on a global mutex main holds,
// on channels a global slice holds, on time.After timers, on a channel only
// a sleeping goroutine's stack holds, and on a channel only a goroutine
// parked on a global channel holds (found by the fixpoint).
// main.syncLeakWG waits on a WaitGroup nothing else holds: leaked, but the
// runtime links a goroutine to its semaphore only from Go 1.26.
//
// The program writes its counts (JSON) to argv[1] once every goroutine is
// parked, with the count of the runtime's own leak detector where it has
// one (runtime_leaked, -1 none), and waits to be read.
package main

import (
	"encoding/json"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

const (
	nRecv, nSend, nSelect, nNil, nPairs    = 5, 3, 2, 1, 2
	nMutex, nSlice, nTimer, nSleep, nChain = 4, 6, 3, 2, 2
	nWG                                    = 1
)

var (
	mu     sync.Mutex
	chans  []chan int
	gchain = make(chan int)
	sink   chan int
)

//go:noinline
func leakRecv() {
	c := make(chan int)
	<-c
}

//go:noinline
func leakSend() {
	c := make(chan int)
	c <- 1
}

//go:noinline
func leakSelect() {
	a, b := make(chan int), make(chan string)
	select {
	case <-a:
	case <-b:
	}
}

//go:noinline
func leakNil() {
	var c chan int
	<-c
}

//go:noinline
func leakPairB(a chan int, b chan int) {
	<-b
	a <- 1
}

//go:noinline
func leakPairA() {
	a, b := make(chan int), make(chan int)
	go leakPairB(a, b)
	<-a
	b <- 1
}

//go:noinline
func keepMutex() {
	mu.Lock()
	mu.Unlock()
}

//go:noinline
func keepSlice(i int) {
	<-chans[i]
}

//go:noinline
func keepTimer() {
	<-time.After(time.Hour)
}

//go:noinline
func keepSleepRecv(c chan int) {
	<-c
}

//go:noinline
func keepSleeper() {
	c := make(chan int)
	go keepSleepRecv(c)
	for {
		time.Sleep(time.Hour)
		c <- 1
	}
}

//go:noinline
func keepChainTail(c chan int) {
	<-c
}

//go:noinline
func keepChainHead() {
	c := make(chan int)
	go keepChainTail(c)
	<-gchain
	c <- 1
}

//go:noinline
func syncLeakWG() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Wait()
}

// every goroutine of ours is parked: none runnable or running
func allParked(want int) bool {
	buf := make([]byte, 1<<20)
	s := string(buf[:runtime.Stack(buf, true)])
	n := 0
	for _, g := range strings.Split(s, "\n\n") {
		if !strings.Contains(g, "main.leak") && !strings.Contains(g, "main.keep") && !strings.Contains(g, "main.syncLeak") {
			continue
		}
		h := g[:strings.Index(g, "\n")]
		if strings.Contains(h, "[runnable") || strings.Contains(h, "[running") {
			return false
		}
		n++
	}
	return n == want
}

func main() {
	mu.Lock()
	for i := 0; i < nSlice; i++ {
		chans = append(chans, make(chan int))
	}
	for i := 0; i < nRecv; i++ {
		go leakRecv()
	}
	for i := 0; i < nSend; i++ {
		go leakSend()
	}
	for i := 0; i < nSelect; i++ {
		go leakSelect()
	}
	for i := 0; i < nNil; i++ {
		go leakNil()
	}
	for i := 0; i < nPairs; i++ {
		go leakPairA()
	}
	for i := 0; i < nMutex; i++ {
		go keepMutex()
	}
	for i := 0; i < nSlice; i++ {
		go keepSlice(i)
	}
	for i := 0; i < nTimer; i++ {
		go keepTimer()
	}
	for i := 0; i < nSleep; i++ {
		go keepSleeper()
	}
	for i := 0; i < nChain; i++ {
		go keepChainHead()
	}
	for i := 0; i < nWG; i++ {
		go syncLeakWG()
	}
	all := nRecv + nSend + nSelect + nNil + 2*nPairs + nMutex + nSlice + nTimer + 2*nSleep + 2*nChain + nWG
	for i := 0; i < 500 && !allParked(all); i++ {
		time.Sleep(10 * time.Millisecond)
	}
	// the runtime's own detector (Go 1.26 with GOEXPERIMENT=goroutineleakprofile,
	// 1.27): writing the profile runs a leak-finding GC; -1 when there is none
	runtimeLeaked := -1
	if p := pprof.Lookup("goroutineleak"); p != nil {
		p.WriteTo(io.Discard, 0)
		runtimeLeaked = p.Count()
	}
	t := map[string]interface{}{
		"leaked":         nRecv + nSend + nSelect + nNil + 2*nPairs,
		"kept":           nMutex + nSlice + nTimer + 2*nSleep + 2*nChain,
		"sync_leaked":    nWG,
		"parked":         allParked(all),
		"runtime_leaked": runtimeLeaked,
		"go":             runtime.Version(),
	}
	b, _ := json.Marshal(t)
	os.WriteFile(os.Args[1]+".tmp", b, 0644)
	os.Rename(os.Args[1]+".tmp", os.Args[1])
	for {
		time.Sleep(time.Hour)
	}
}
