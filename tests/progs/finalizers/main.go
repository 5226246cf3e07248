// Command finalizers registers known numbers of finalizers (and, on Go
// 1.24+, cleanups) on objects of known types, blocks the finalizer goroutine
// inside one finalizer (and, on 1.25+, the cleanup goroutine inside one
// cleanup), makes more objects unreachable so that their finalizers and
// cleanups stay queued, writes the expected figures to READY_FILE.truth.json,
// then the ready file, and waits for SIGQUIT (tests/fintest.py).
//
// Usage: finalizers READY_FILE
//
// Keep this file compatible with Go 1.19 and free of cgo.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Sizes are exact size classes (no malloc header: all <= 512 bytes), so the
// object bytes gomortem reports are count * size.
type Alpha struct{ a [6]int64 } // 48
type Beta struct {              // 160
	p *int
	b [19]int64
}
type Gamma struct { // 128
	s string
	x [112]byte
}
type Delta struct { // 80
	p *int
	d [9]int64
}

const (
	nAlphaKept    = 30
	nBetaKept     = 20
	nGammaKept    = 7
	nAlphaDropped = 40
	nBetaDropped  = 25
	nDeltaKept    = 12
	nDeltaDropped = 15
)

var (
	keep           []interface{}
	finStarted     = make(chan struct{}, 1)
	cleanupStarted = make(chan struct{}, 1)
	never          = make(chan int)
	sinkv          int64
)

//go:noinline
func finAlpha(a *Alpha) { sinkv += a.a[0] }

//go:noinline
func finAlphaDropped(a *Alpha) { sinkv += a.a[1] }

//go:noinline
func finBeta(b *Beta) { sinkv += b.b[0] }

//go:noinline
func finGamma(g *Gamma) { sinkv += int64(g.x[0]) }

// The finalizer goroutine blocks here for good.
//
//go:noinline
func finGammaBlock(g *Gamma) {
	finStarted <- struct{}{}
	<-never
	sinkv += int64(g.x[1])
}

type entry struct {
	Function string `json:"function"`
	Type     string `json:"type,omitempty"`
	Count    int    `json:"count"`
	Size     int    `json:"size,omitempty"`
	Running  bool   `json:"running,omitempty"`
}

type truth struct {
	Go                 string  `json:"go"`
	Registered         []entry `json:"registered"`
	Queued             []entry `json:"queued"`
	CleanupsRegistered []entry `json:"cleanups_registered"`
	CleanupsQueued     []entry `json:"cleanups_queued"`
	FinalizerBlockedIn string  `json:"finalizer_blocked_in"`
	CleanupBlockedIn   string  `json:"cleanup_blocked_in,omitempty"`
}

//go:noinline
func dropAlphas(n int) {
	for i := 0; i < n; i++ {
		a := &Alpha{}
		a.a[0] = int64(i)
		runtime.SetFinalizer(a, finAlphaDropped)
	}
}

//go:noinline
func dropBetas(n int) {
	for i := 0; i < n; i++ {
		b := &Beta{}
		runtime.SetFinalizer(b, finBeta)
	}
}

//go:noinline
func dropBlocker() {
	g := &Gamma{s: "blocker"}
	runtime.SetFinalizer(g, finGammaBlock)
}

func waitFor(ch chan struct{}, what string) {
	for i := 0; i < 500; i++ {
		runtime.GC()
		select {
		case <-ch:
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
	os.Stderr.WriteString("finalizers: " + what + " never started\n")
	os.Exit(3)
}

func goMinor() int {
	v := strings.TrimPrefix(runtime.Version(), "go1.")
	if i := strings.IndexAny(v, ".-rcbeta "); i >= 0 {
		v = v[:i]
	}
	n, _ := strconv.Atoi(v)
	return n
}

func main() {
	if len(os.Args) < 2 {
		os.Stderr.WriteString("usage: finalizers READY_FILE\n")
		os.Exit(2)
	}
	ready := os.Args[1]
	// maxCleanupGs = max(GOMAXPROCS/4, 1) = 1 on 1.25+: one cleanup goroutine.
	runtime.GOMAXPROCS(4)
	minor := goMinor()
	t := truth{Go: runtime.Version()}

	for i := 0; i < nAlphaKept; i++ {
		a := &Alpha{}
		runtime.SetFinalizer(a, finAlpha)
		keep = append(keep, a)
	}
	for i := 0; i < nBetaKept; i++ {
		b := &Beta{}
		runtime.SetFinalizer(b, finBeta)
		keep = append(keep, b)
	}
	for i := 0; i < nGammaKept; i++ {
		g := &Gamma{}
		runtime.SetFinalizer(g, finGamma)
		keep = append(keep, g)
	}
	t.Registered = []entry{
		{Function: "main.finAlpha", Type: "main.Alpha", Count: nAlphaKept, Size: 48},
		{Function: "main.finBeta", Type: "main.Beta", Count: nBetaKept, Size: 160},
		{Function: "main.finGamma", Type: "main.Gamma", Count: nGammaKept, Size: 128},
	}

	// Block the finalizer goroutine inside finGammaBlock.
	dropBlocker()
	waitFor(finStarted, "the blocking finalizer")
	t.FinalizerBlockedIn = "main.finGammaBlock"

	if minor >= 24 {
		addCleanups(&t, minor)
	}

	dropAlphas(nAlphaDropped)
	dropBetas(nBetaDropped)
	if minor >= 24 {
		dropCleanups()
	}
	for i := 0; i < 3; i++ {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	// Not run yet (the one being run is not counted: it is the goroutine's
	// current frame).
	t.Queued = []entry{
		{Function: "main.finAlphaDropped", Count: nAlphaDropped},
		{Function: "main.finBeta", Count: nBetaDropped},
	}
	if minor >= 24 {
		t.CleanupsQueued = []entry{{Function: "main.cleanupDelta", Count: nDeltaDropped}}
	}

	b, _ := json.MarshalIndent(&t, "", "  ")
	if err := os.WriteFile(ready+".truth.json", b, 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(ready, []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	runtime.KeepAlive(keep)
	// Sleep rather than block: with every goroutine blocked the runtime
	// would report a deadlock; a pending timer keeps it quiet.
	for {
		time.Sleep(time.Hour)
	}
}
