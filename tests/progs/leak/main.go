// leak: a slow leak for gomortem diff (tests/growthtest.py). Each phase
// leaks, at a known rate, goroutines parked in a channel receive
// (leakWorker), tickers each with a goroutine waiting on it (tickWorker),
// finalizers queued behind a blocked finalizer goroutine (leakFin),
// struct types made by reflect.StructOf and heap objects (LeakBuf, allocated
// in leakHeap, kept); a stable pool of the same shape (poolWorker, poolTick,
// poolFin registered on live objects, StructOf types, PoolBuf objects
// allocated in poolHeap) is made once. Every allocation is profiled
// (MemProfileRate 1), so the heap profile's sites are exact. After each phase it writes its own counts (JSON) to the
// file argv[1] and waits for the file argv[1]+".goN" to go on.
//
// leak TRUTH steady RATE [EXIT_AFTER_S] (gomortem watch, tests/watchtest.py):
// after the same stable pool, leakWorker goroutines leak continuously at
// RATE a second (kept at floor(RATE * seconds since the start) by a loop
// that catches up every 5 ms, so a pause of the process costs nothing);
// TRUTH gets the rate and the pool once the leak starts; the program exits
// (status 0) EXIT_AFTER_S seconds later when given, else after a minute.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strconv"
	"time"
)

const (
	perG     = 300 // goroutines leaked per phase; the pool has as many
	perT     = 120 // tickers leaked per phase
	poolT    = 50
	perF     = 200 // finalizers queued per phase
	poolF    = 100 // finalizers registered on live objects
	perTypes = 150 // run-time types per phase
	poolTy   = 100
	perH     = 2500 // LeakBuf objects per phase (about 2.5 MB)
	poolH    = 1000 // PoolBuf objects
)

// Distinct sizes (1.22+: 1016 and 2056 bytes with the malloc header, size
// classes 1024 and 2304), with a pointer: typed by the runtime from 1.22.
type LeakBuf struct {
	next *LeakBuf
	pad  [1000]byte
}

type PoolBuf struct {
	next *PoolBuf
	pad  [2040]byte
}

var _ = func() int { runtime.MemProfileRate = 1; return 0 }()

var build = "a" // -ldflags=-X main.build=b makes another build

type Obj struct{ x [6]int64 }

var (
	keepObjs  []*Obj
	keepTypes []reflect.Type
	// made with their final capacity: the slices' own allocations are not
	// at leakHeap/poolHeap
	keepLeak = make([]*LeakBuf, 0, 2*perH)
	keepPool = make([]*PoolBuf, 0, poolH)
	blocked   = make(chan struct{})
	never     = make(chan struct{})
	sink      int64
)

//go:noinline
func leakWorker(c chan int) { <-c }

//go:noinline
func poolWorker(c chan int) { <-c }

//go:noinline
func tickWorker(t *time.Ticker) { <-t.C }

//go:noinline
func poolTick(t *time.Ticker) { <-t.C }

//go:noinline
func poolFin(o *Obj) { sink += o.x[0] }

//go:noinline
func leakHeap() { keepLeak = append(keepLeak, &LeakBuf{}) }

//go:noinline
func poolHeap() { keepPool = append(keepPool, &PoolBuf{}) }

//go:noinline
func leakFin(o *Obj) { sink += o.x[1] }

// The finalizer goroutine blocks here for good: later finalizers queue.
//
//go:noinline
func finBlock(o *Obj) {
	blocked <- struct{}{}
	<-never
	sink += o.x[2]
}

//go:noinline
func dropFin(n int, f func(*Obj)) {
	for i := 0; i < n; i++ {
		o := &Obj{}
		o.x[0] = int64(i)
		runtime.SetFinalizer(o, f)
	}
}

func structType(prefix string, i int) reflect.Type {
	return reflect.StructOf([]reflect.StructField{{Name: prefix + strconv.Itoa(i), Type: reflect.TypeOf(int(0))}})
}

type truth struct {
	Phase      int            `json:"phase"`
	Build      string         `json:"build"`
	Goroutines map[string]int `json:"goroutines"` // by function
	Tickers    map[string]int `json:"tickers"`    // by period ("1h0m0s")
	FinQueued  map[string]int `json:"finalizers_queued"`
	FinReg     map[string]int `json:"finalizers_registered"`
	Types      map[string]int `json:"types"` // by name prefix
	Heap       map[string]int `json:"heap"`  // live objects by type (= by site: LeakBuf at leakHeap, PoolBuf at poolHeap)
}

func main() {
	out := os.Args[1]
	for i := 0; i < perG; i++ {
		go poolWorker(make(chan int))
	}
	for i := 0; i < poolT; i++ {
		go poolTick(time.NewTicker(2 * time.Hour))
	}
	for i := 0; i < poolF; i++ {
		o := &Obj{}
		runtime.SetFinalizer(o, poolFin)
		keepObjs = append(keepObjs, o)
	}
	for i := 0; i < poolTy; i++ {
		keepTypes = append(keepTypes, structType("Pool", i))
	}
	for i := 0; i < poolH; i++ {
		poolHeap()
	}
	// a reference to runtime.MemProfile keeps the heap profile (else the
	// linker sets runtime.disableMemoryProfiling)
	runtime.MemProfile(nil, true)
	dropFin(1, finBlock)
	for i := 0; ; i++ {
		runtime.GC()
		select {
		case <-blocked:
		case <-time.After(20 * time.Millisecond):
			if i < 500 {
				continue
			}
			os.Stderr.WriteString("leak: the blocking finalizer never ran\n")
			os.Exit(3)
		}
		break
	}
	if len(os.Args) > 3 && os.Args[2] == "steady" {
		steady(out)
	}
	for phase := 1; phase <= 2; phase++ {
		for i := 0; i < perG; i++ {
			go leakWorker(make(chan int))
		}
		for i := 0; i < perT; i++ {
			go tickWorker(time.NewTicker(time.Hour))
		}
		for i := 0; i < perTypes; i++ {
			keepTypes = append(keepTypes, structType(fmt.Sprintf("Leak%d_", phase), i))
		}
		dropFin(perF, leakFin)
		for i := 0; i < perH; i++ {
			leakHeap()
		}
		for i := 0; i < 3; i++ {
			runtime.GC()
			time.Sleep(20 * time.Millisecond)
		}
		t := truth{
			Phase: phase, Build: build,
			Goroutines: map[string]int{"main.poolWorker": perG, "main.leakWorker": perG * phase,
				"main.poolTick": poolT, "main.tickWorker": perT * phase},
			Tickers:   map[string]int{(2 * time.Hour).String(): poolT, time.Hour.String(): perT * phase},
			FinQueued: map[string]int{"main.leakFin": perF * phase},
			FinReg:    map[string]int{"main.poolFin": poolF},
			Types:     map[string]int{"Pool": poolTy, "Leak": perTypes * phase},
			Heap:      map[string]int{"main.PoolBuf": len(keepPool), "main.LeakBuf": len(keepLeak)},
		}
		b, _ := json.Marshal(&t)
		os.WriteFile(out+".tmp", b, 0644)
		os.Rename(out+".tmp", out)
		for i := 0; i < 600; i++ {
			if _, err := os.Stat(fmt.Sprintf("%s.go%d", out, phase)); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	runtime.KeepAlive(keepObjs)
	runtime.KeepAlive(keepLeak)
	runtime.KeepAlive(keepPool)
	time.Sleep(time.Minute)
}

func steady(out string) {
	rate, err := strconv.ParseFloat(os.Args[3], 64)
	if err != nil || rate <= 0 {
		os.Stderr.WriteString("leak: steady RATE: a positive number\n")
		os.Exit(2)
	}
	exitAfter := time.Minute
	if len(os.Args) > 4 {
		s, err := strconv.ParseFloat(os.Args[4], 64)
		if err != nil {
			os.Stderr.WriteString("leak: EXIT_AFTER_S: a number\n")
			os.Exit(2)
		}
		exitAfter = time.Duration(s * float64(time.Second))
	}
	start := time.Now()
	b, _ := json.Marshal(map[string]interface{}{"mode": "steady", "rate_per_second": rate,
		"pool": map[string]int{"main.poolWorker": perG}, "build": build})
	os.WriteFile(out+".tmp", b, 0644)
	os.Rename(out+".tmp", out)
	for n := 0; ; {
		el := time.Since(start)
		for want := int(el.Seconds() * rate); n < want; n++ {
			go leakWorker(make(chan int))
		}
		if el >= exitAfter {
			os.Exit(0)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
