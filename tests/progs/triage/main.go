// Command triage is the scenario of tests/summarytest.py (gomortem summary):
// a process in trouble in every way the summary's red flags look for, with
// known figures:
//   - nLeak goroutines parked in chan receive at main.leakWorker (a leak),
//     half of them one frame deeper (two groups, one place);
//   - nLock goroutines waiting for a sync.Mutex that main holds;
//   - the finalizer goroutine blocked inside main.finBlock, with nQueued
//     finalizers queued behind it;
//   - nAfter AfterFunc timers, one hour away, all running main.onTimeout;
//   - nStruct types made by reflect.StructOf, kept by reflect's cache.
// It writes the figures (and runtime.ReadMemStats) to READY_FILE.truth.json,
// then READY_FILE, and waits for the harness's SIGQUIT (GOTRACEBACK=crash).
//
// Usage: triage READY_FILE
//
// Keep this file compatible with Go 1.19 and free of cgo.
package main

import (
	"encoding/json"
	"os"
	"reflect"
	"runtime/debug"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const (
	nLeak   = 1500
	nLock   = 3
	nQueued = 1200
	nAfter  = 1100
	nStruct = 1050
)

type payload struct {
	p *int
	a [6]int64
}

var (
	never      = make(chan int)
	finStarted = make(chan struct{}, 1)
	mu         sync.Mutex
	keep       []interface{}
	sinkv      int64
)

//go:noinline
func leakWorker(id int, ch chan int) {
	v := <-ch
	sinkv += int64(v + id)
}

// leakVia reaches leakWorker through depth more frames: the leak is two
// groups of identical stacks (depth 0 and 1) but one place.
//
//go:noinline
func leakVia(depth, id int, ch chan int) {
	if depth > 0 {
		leakVia(depth-1, id, ch)
		return
	}
	leakWorker(id, ch)
}

//go:noinline
func lockWaiter() {
	mu.Lock()
	sinkv++
	mu.Unlock()
}

//go:noinline
func finBlock(p *payload) {
	finStarted <- struct{}{}
	<-never
	sinkv += p.a[0]
}

//go:noinline
func finQueued(p *payload) { sinkv += p.a[1] }

//go:noinline
func onTimeout() { sinkv++ }

type truth struct {
	Go          string            `json:"go_version"`
	Leak        int               `json:"leak"`
	Lock        int               `json:"lock"`
	Queued      int               `json:"queued"`
	AfterFuncs  int               `json:"afterfuncs"`
	StructTypes int               `json:"struct_types"`
	NumG        int               `json:"num_goroutine"`
	MemStats    map[string]uint64 `json:"memstats"`
}

func main() {
	ready := os.Args[1]
	leakCh := make(chan int)
	for i := 0; i < nLeak; i++ {
		go leakVia(i%2, i, leakCh)
	}
	mu.Lock()
	for i := 0; i < nLock; i++ {
		go lockWaiter()
	}

	// Block the finalizer goroutine, then queue more behind it.
	func() {
		p := &payload{}
		runtime.SetFinalizer(p, finBlock)
	}()
	for i := 0; i < 10; i++ {
		runtime.GC()
		select {
		case <-finStarted:
			i = 10
		case <-time.After(50 * time.Millisecond):
		}
	}
	func() {
		for i := 0; i < nQueued; i++ {
			p := &payload{}
			runtime.SetFinalizer(p, finQueued)
		}
	}()
	runtime.GC()
	runtime.GC()

	for i := 0; i < nAfter; i++ {
		keep = append(keep, time.AfterFunc(time.Hour+time.Duration(i)*time.Millisecond, onTimeout))
	}
	for i := 0; i < nStruct; i++ {
		t := reflect.StructOf([]reflect.StructField{
			{Name: "F" + strconv.Itoa(i), Type: reflect.TypeOf(0)},
		})
		keep = append(keep, t)
	}

	// Let every goroutine park, then take the figures.
	for {
		time.Sleep(20 * time.Millisecond)
		if runtime.NumGoroutine() >= nLeak+nLock+1 {
			break
		}
	}
	time.Sleep(100 * time.Millisecond)
	runtime.GC()
	debug.SetGCPercent(-1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t := truth{
		Go: runtime.Version(), Leak: nLeak, Lock: nLock, Queued: nQueued, AfterFuncs: nAfter,
		StructTypes: nStruct, NumG: runtime.NumGoroutine(),
		MemStats: map[string]uint64{
			"HeapObjects": ms.HeapObjects, "HeapAlloc": ms.HeapAlloc, "HeapInuse": ms.HeapInuse,
			"HeapSys": ms.HeapSys, "Sys": ms.Sys, "NumGC": uint64(ms.NumGC), "StackInuse": ms.StackInuse,
		},
	}
	b, _ := json.Marshal(t)
	os.WriteFile(ready+".truth.json", b, 0o644)
	os.WriteFile(ready, []byte("ready\n"), 0o644)
	for {
		time.Sleep(time.Hour)
	}
}
