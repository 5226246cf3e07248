// memtriage: the scenario of tests/memtest.py (gomortem heap / timers).
// It allocates known amounts (small objects of several size classes, a few
// large objects, a syscall.Mmap region), starts tickers, timers and
// AfterFuncs with distinct periods (some ticker/timer channels with a
// goroutine blocked on them), then stops the collector, calls
// runtime.ReadMemStats and writes the figures to READY_FILE.truth.json, then
// READY_FILE, and waits quietly for the SIGQUIT of the harness
// (GOTRACEBACK=crash).
package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"
)

type obj48 struct{ a [6]uint64 }
type obj1k struct{ a [128]uint64 }
type obj8k struct{ a [1024]uint64 }

var (
	keep48  []*obj48
	keep1k  []*obj1k
	keep8k  []*obj8k
	keepBig [][]byte
	region  []byte
	libMap  []byte
	tickers []*time.Ticker
	timers  []*time.Timer
	sink    = make(chan int)
)

func afterAlpha() { sink <- 1 }
func afterBeta()  { sink <- 2 }
func afterGamma() { sink <- 3 }

type timerTruth struct {
	Kind     string `json:"kind"` // ticker, timer, afterfunc
	PeriodNs int64  `json:"period_ns"`
	DelayNs  int64  `json:"delay_ns"`
	Function string `json:"function"`
	Blocked  bool   `json:"blocked"` // a goroutine is blocked on its channel
}

type truth struct {
	Go         string            `json:"go_version"`
	GOGC       int               `json:"gogc"`
	MemLimit   int64             `json:"gomemlimit"`
	Large      []int             `json:"large_objects"`
	Small      map[string]int    `json:"small_objects"` // size -> count
	MmapAddr   uint64            `json:"mmap_addr"`
	MmapSize   int               `json:"mmap_size"`
	LibAddr    uint64            `json:"lib_addr"`
	LibName    string            `json:"lib_name"`
	Timers     []timerTruth      `json:"timers"`
	Goroutines int               `json:"num_goroutine"`
}

func main() {
	ready := os.Args[1]
	t := truth{Go: runtime.Version(), Small: map[string]int{}}

	for i := 0; i < 20000; i++ {
		keep48 = append(keep48, &obj48{})
	}
	for i := 0; i < 3000; i++ {
		keep1k = append(keep1k, &obj1k{})
	}
	for i := 0; i < 400; i++ {
		keep8k = append(keep8k, &obj8k{})
	}
	t.Small["48"], t.Small["1024"], t.Small["8192"] = 20000, 3000, 400
	for _, n := range []int{1 << 20, 3 << 20, 5<<20 + 12345, 40000} {
		b := make([]byte, n)
		for i := 0; i < n; i += 4096 {
			b[i] = 1
		}
		keepBig = append(keepBig, b)
		t.Large = append(t.Large, n)
	}
	var err error
	t.MmapSize = 7 << 20
	region, err = syscall.Mmap(-1, 0, t.MmapSize, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		panic(err)
	}
	for i := 0; i < len(region); i += 4096 {
		region[i] = 1
	}
	t.MmapAddr = uint64(uintptr(unsafePointer(region)))

	// A library stand-in: the harness builds with CGO_ENABLED=0, so the
	// program can neither dlopen nor plugin.Open; it maps a file named like
	// a shared library instead (gomortem classifies file mappings by name).
	lib := filepath.Join(filepath.Dir(ready), "libmemtriage.so")
	if err := os.WriteFile(lib, make([]byte, 64<<10), 0o644); err != nil {
		panic(err)
	}
	lf, err := os.Open(lib)
	if err != nil {
		panic(err)
	}
	libMap, err = syscall.Mmap(int(lf.Fd()), 0, 64<<10, syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		panic(err)
	}
	lf.Close()
	t.LibAddr = uint64(uintptr(unsafePointer(libMap)))
	t.LibName = "libmemtriage.so"

	// A full collection with the sweep finished, free memory returned to
	// the OS (so the background scavenger has nothing left to do), then no
	// more collections: the heap stays as ReadMemStats sees it.
	debug.FreeOSMemory()
	debug.SetGCPercent(-1)
	t.GOGC = -1
	t.MemLimit = 3 << 30
	debug.SetMemoryLimit(t.MemLimit)

	// Tickers: 5, periods 1001s..1005s; goroutines blocked on the first 2.
	for i := 0; i < 5; i++ {
		p := time.Duration(1001+i) * time.Second
		tk := time.NewTicker(p)
		tickers = append(tickers, tk)
		blocked := i < 2
		if blocked {
			go func(c <-chan time.Time) { <-c; sink <- 0 }(tk.C)
		}
		t.Timers = append(t.Timers, timerTruth{"ticker", int64(p), int64(p), "time.sendTime", blocked})
	}
	// Timers: 3, delays 2001s..2003s; one blocked.
	for i := 0; i < 3; i++ {
		d := time.Duration(2001+i) * time.Second
		tm := time.NewTimer(d)
		timers = append(timers, tm)
		blocked := i == 0
		if blocked {
			go func(c <-chan time.Time) { <-c; sink <- 0 }(tm.C)
		}
		t.Timers = append(t.Timers, timerTruth{"timer", 0, int64(d), "time.sendTime", blocked})
	}
	// AfterFuncs: 2 x afterAlpha, 1 x afterBeta, 3 x afterGamma, distinct delays.
	fns := []struct {
		f    func()
		name string
		n    int
	}{{afterAlpha, "main.afterAlpha", 2}, {afterBeta, "main.afterBeta", 1}, {afterGamma, "main.afterGamma", 3}}
	k := 0
	for _, f := range fns {
		for j := 0; j < f.n; j++ {
			d := time.Duration(3001+k) * time.Second
			k++
			timers = append(timers, time.AfterFunc(d, f.f))
			t.Timers = append(t.Timers, timerTruth{"afterfunc", 0, int64(d), f.name, false})
		}
	}
	// let the goroutines block on their channels
	for i := 0; i < 50; i++ {
		runtime.Gosched()
	}
	time.Sleep(100 * time.Millisecond)
	t.Goroutines = runtime.NumGoroutine()

	// Everything but the MemStats figures is encoded before ReadMemStats,
	// and the figures go into a buffer allocated before it too: between
	// ReadMemStats and the crash the program allocates (almost) nothing.
	pre, err := json.Marshal(&t)
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 0, len(pre)+4096)
	readyB := []byte("ready\n")
	truthPath := ready + ".truth.json"
	// ReadMemStats stops and restarts the world; the restart may start a
	// thread when no idle one is parked (its g0 and signal stacks come from
	// the heap: StackInuse grows). A first call creates that thread now,
	// before the figures are taken.
	var ms0 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	time.Sleep(20 * time.Millisecond)
	runtime.ReadMemStats(&ms0)
	time.Sleep(20 * time.Millisecond)
	// Write a file once before ReadMemStats: opening a file takes a pollDesc
	// from the runtime's pollcache, whose first use takes memory from a
	// persistentalloc chunk (a new 256 KiB chunk shows up in OtherSys);
	// afterwards the freed pollDesc is reused.
	if err := os.WriteFile(ready+".prime", readyB, 0o644); err != nil {
		panic(err)
	}
	if err := os.Remove(ready + ".prime"); err != nil {
		panic(err)
	}
	// Ms (threads) before ReadMemStats: the world's restart inside it, and
	// the writes below (a blocking syscall hands its P off), may make the
	// runtime start another M, whose g0 and signal stacks come from the
	// heap after the figures were taken. The test allows for each M beyond
	// this count. Counted after ReadMemStats, an M started by the restart
	// would be counted here while its stacks are missing from the figures
	// (a go1.24 CI run: StackInuse 32 KiB over, HeapIdle 32 KiB under).
	nms := pprof.Lookup("threadcreate").Count()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	buf = append(buf, pre[:len(pre)-1]...)
	buf = append(buf, `,"ms_at_readmemstats":`...)
	buf = strconv.AppendInt(buf, int64(nms), 10)
	buf = append(buf, `,"memstats":{`...)
	for i, kv := range []struct {
		k string
		v uint64
	}{
		{"HeapAlloc", ms.HeapAlloc}, {"HeapInuse", ms.HeapInuse}, {"HeapIdle", ms.HeapIdle},
		{"HeapReleased", ms.HeapReleased}, {"HeapObjects", ms.HeapObjects}, {"HeapSys", ms.HeapSys},
		{"StackInuse", ms.StackInuse}, {"StackSys", ms.StackSys}, {"MSpanInuse", ms.MSpanInuse},
		{"MCacheInuse", ms.MCacheInuse}, {"GCSys", ms.GCSys}, {"Sys", ms.Sys}, {"NextGC", ms.NextGC},
		{"NumGC", uint64(ms.NumGC)}, {"LastGC", ms.LastGC}, {"TotalAlloc", ms.TotalAlloc},
		{"Mallocs", ms.Mallocs}, {"Frees", ms.Frees}, {"Alloc", ms.Alloc}, {"OtherSys", ms.OtherSys},
		{"MSpanSys", ms.MSpanSys}, {"MCacheSys", ms.MCacheSys}, {"BuckHashSys", ms.BuckHashSys},
	} {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, '"')
		buf = append(buf, kv.k...)
		buf = append(buf, '"', ':')
		buf = strconv.AppendUint(buf, kv.v, 10)
	}
	buf = append(buf, '}', '}')
	b := buf
	if err := os.WriteFile(truthPath, b, 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(ready, readyB, 0o644); err != nil {
		panic(err)
	}
	<-sink // quiet until the SIGQUIT
	runtime.KeepAlive(region)
	runtime.KeepAlive(libMap)
}
