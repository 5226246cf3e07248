// Command scenarios parks goroutines in every interesting state, writes a
// ready file and a truth file, and then blocks forever.  The differential
// test harness (tests/difftest.py) sends it SIGQUIT with GOTRACEBACK=crash
// and compares the runtime's own dump with gomortem's reading of the core.
//
// Usage: scenarios [READY_FILE]   (or env SCENARIOS_READY)
// The truth file is READY_FILE + ".truth.json".
//
// Keep this file compatible with Go 1.19 (the oldest supported toolchain)
// and free of cgo.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Depths of the two deep recursions: deeper than the traceback limits of
// every supported Go version (1.19: 100 frames; 1.21+: 50 inner + 50 outer).
const (
	deepA      = 200
	deepB      = 120
	groupCount = 50
)

var (
	forever    = make(chan int) // only receivers: nobody ever sends on it
	sendOnly   = make(chan int) // only senders: nobody ever receives from it
	expected   = 1              // main
	scenarios  = map[string]int{}
	keepAlive  []interface{}
	finStarted = make(chan struct{})
	finBlock   = make(chan int)
)

func spawn(name string, f func()) {
	expected++
	scenarios[name]++
	go f()
}

//go:noinline
func blockChanSend(ch chan int) { ch <- 1 }

//go:noinline
func blockChanRecv(ch chan int) int { return <-ch }

//go:noinline
func blockSelect(a, b chan int, c chan string) int {
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	select {
	case v := <-a:
		return v
	case b <- 1:
		return 1
	case s := <-c:
		return len(s)
	case <-t.C:
		return 2
	}
}

//go:noinline
func blockSelectNoCases() { select {} }

//go:noinline
func blockNilSend() {
	var ch chan int
	ch <- 1
}

//go:noinline
func blockNilRecv() int {
	var ch chan int
	return <-ch
}

//go:noinline
func blockMutex(mu *sync.Mutex) { mu.Lock() }

//go:noinline
func blockRLock(rw *sync.RWMutex) { rw.RLock() }

//go:noinline
func blockWLock(rw *sync.RWMutex) { rw.Lock() }

//go:noinline
func blockWaitGroup(wg *sync.WaitGroup) { wg.Wait() }

//go:noinline
func blockCond(c *sync.Cond) {
	c.L.Lock()
	c.Wait()
	c.L.Unlock()
}

//go:noinline
func blockSleep() { time.Sleep(time.Hour) }

//go:noinline
func blockAccept(l net.Listener) {
	c, err := l.Accept()
	if err == nil {
		c.Close()
	}
}

//go:noinline
func blockConnRead(c net.Conn) {
	var buf [16]byte
	c.Read(buf[:])
}

// blockSyscall reads a blocking pipe: the goroutine stays in [syscall].
//
//go:noinline
func blockSyscall(fd int) {
	var buf [16]byte
	syscall.Read(fd, buf[:])
}

//go:noinline
func blockLockedThread(ch chan int) {
	runtime.LockOSThread()
	<-ch
}

// GenericWait is a generic function: Go prints it as main.GenericWait[...].
//
//go:noinline
func GenericWait[T any](ch chan T) T { return <-ch }

// Box is a generic type with a blocking method: main.(*Box[...]).Wait.
type Box[T any] struct {
	ch chan T
}

//go:noinline
func (b *Box[T]) Wait() T { return <-b.ch }

//go:noinline
func recurse(depth int, ch chan int) int {
	if depth <= 1 {
		return <-ch
	}
	return recurse(depth-1, ch) + 1
}

//go:noinline
func groupWait(ch chan int, i int) int { return <-ch + i }

//go:noinline
func blockLabeled(ctx context.Context, ch chan int) { <-ch }

//go:noinline
func spawnerChild(ch chan int) { <-ch }

//go:noinline
func spawner(ch chan int, started chan struct{}) {
	go spawnerChild(ch)
	started <- struct{}{}
	<-ch
}

type finObj struct{ buf [64]byte }

//go:noinline
func finalizerBlock(o *finObj) {
	close(finStarted)
	<-finBlock
}

//go:noinline
func mainWait(ch chan int) { <-ch }

var spins uint64

// spin never parks: with SCENARIOS_SPIN=1 one goroutine is [running] on its
// own thread when the dump is taken ("stack unavailable" in Go's dump).
//
//go:noinline
func spin() {
	for {
		spins++
	}
}

func main() {
	debug.SetGCPercent(20)
	ready := os.Getenv("SCENARIOS_READY")
	if len(os.Args) > 1 {
		ready = os.Args[1]
	}
	if ready == "" {
		fmt.Fprintln(os.Stderr, "usage: scenarios READY_FILE (or SCENARIOS_READY=...)")
		os.Exit(2)
	}

	spawn("chan_send", func() { blockChanSend(sendOnly) })
	spawn("chan_recv", func() { blockChanRecv(forever) })
	spawn("select", func() { blockSelect(forever, sendOnly, nil) })
	spawn("select_no_cases", blockSelectNoCases)
	spawn("nil_chan_send", blockNilSend)
	spawn("nil_chan_recv", func() { blockNilRecv() })

	var mu sync.Mutex
	mu.Lock()
	spawn("mutex_lock", func() { blockMutex(&mu) })

	var rwR, rwW sync.RWMutex
	rwR.Lock()  // held for writing: RLock blocks
	rwW.RLock() // held for reading: Lock blocks
	spawn("rwmutex_rlock", func() { blockRLock(&rwR) })
	spawn("rwmutex_lock", func() { blockWLock(&rwW) })

	var wg sync.WaitGroup
	wg.Add(1)
	spawn("waitgroup_wait", func() { blockWaitGroup(&wg) })

	cond := sync.NewCond(&sync.Mutex{})
	spawn("cond_wait", func() { blockCond(cond) })

	spawn("sleep", blockSleep)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	spawn("net_accept", func() { blockAccept(ln) })
	ln2, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "listen:", err)
		os.Exit(1)
	}
	client, err := net.Dial("tcp", ln2.Addr().String())
	if err != nil {
		fmt.Fprintln(os.Stderr, "dial:", err)
		os.Exit(1)
	}
	server, err := ln2.Accept()
	if err != nil {
		fmt.Fprintln(os.Stderr, "accept:", err)
		os.Exit(1)
	}
	keepAlive = append(keepAlive, ln, ln2, client, server)
	spawn("net_read", func() { blockConnRead(server) })

	var pfd [2]int
	if err := syscall.Pipe(pfd[:]); err != nil {
		fmt.Fprintln(os.Stderr, "pipe:", err)
		os.Exit(1)
	}
	spawn("syscall_read", func() { blockSyscall(pfd[0]) })

	spawn("locked_thread", func() { blockLockedThread(forever) })

	spawn("generic_func", func() { GenericWait[string](make(chan string)) })
	box := &Box[int]{ch: make(chan int)}
	spawn("generic_method", func() { box.Wait() })

	// Closures: a func literal goroutine, and a nested one (main.main.funcN.1).
	spawn("closure", func() { <-forever })
	spawn("nested_closure", func() {
		inner := func() {
			var f func()
			f = func() { <-forever }
			f()
		}
		inner()
	})

	spawn("deep_recursion", func() { recurse(deepA, forever) })
	spawn("deep_recursion", func() { recurse(deepB, forever) })

	spawn("pprof_labels", func() {
		pprof.Do(context.Background(), pprof.Labels("scenario", "labels", "worker", "7"),
			func(ctx context.Context) { blockLabeled(ctx, forever) })
	})

	for i := 0; i < groupCount; i++ {
		i := i
		spawn("group", func() { groupWait(forever, i) })
	}

	if os.Getenv("SCENARIOS_SPIN") == "1" {
		spawn("running", spin)
	}

	// A goroutine created by another goroutine: "created by ... in goroutine N", N != 1.
	started := make(chan struct{})
	expected++ // the child
	scenarios["spawned_by_goroutine"]++
	spawn("spawner", func() { spawner(forever, started) })
	<-started

	// A finalizer goroutine blocked inside a finalizer: runfinq counts as a
	// user goroutine while it runs a finalizer.
	func() {
		o := &finObj{}
		runtime.SetFinalizer(o, finalizerBlock)
	}()
	// runfinq was created as a system goroutine, so NumGoroutine never counts
	// it, but tracebacks show it while it runs a finalizer: not in expected.
	scenarios["finalizer"]++
	deadline := time.Now().Add(30 * time.Second)
	for finWaiting := true; finWaiting; {
		runtime.GC()
		select {
		case <-finStarted:
			finWaiting = false
		case <-time.After(10 * time.Millisecond):
			if time.Now().After(deadline) {
				fmt.Fprintln(os.Stderr, "finalizer never ran")
				os.Exit(1)
			}
		}
	}

	// Wait until every goroutine exists and has had time to park.
	for runtime.NumGoroutine() < expected {
		if time.Now().After(deadline) {
			fmt.Fprintf(os.Stderr, "only %d of %d goroutines started\n", runtime.NumGoroutine(), expected)
			os.Exit(1)
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)

	writeTruth(ready)
	mainWait(forever)
}

type goroutineTruth struct {
	ID     int64  `json:"id"`
	Header string `json:"header"`
	Top    string `json:"top"`
}

func writeTruth(ready string) {
	// runtime.Stack(all) is the runtime's own view at GOTRACEBACK=all level.
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var gs []goroutineTruth
	lines := strings.Split(string(buf), "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "goroutine ") || !strings.HasSuffix(l, ":") {
			continue
		}
		f := strings.Fields(l)
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			continue
		}
		top := ""
		if i+1 < len(lines) {
			top = lines[i+1]
			if p := strings.LastIndex(top, "("); p > 0 {
				top = top[:p]
			}
		}
		gs = append(gs, goroutineTruth{ID: id, Header: l, Top: top})
	}
	sort.Slice(gs, func(a, b int) bool { return gs[a].ID < gs[b].ID })
	bi, _ := debug.ReadBuildInfo()
	goVersion := ""
	if bi != nil {
		goVersion = bi.GoVersion
	}
	truth := map[string]interface{}{
		"go_version":         runtime.Version(),
		"buildinfo_version":  goVersion,
		"goos":               runtime.GOOS,
		"goarch":             runtime.GOARCH,
		"pid":                os.Getpid(),
		"gomaxprocs":         runtime.GOMAXPROCS(0),
		"num_cpu":            runtime.NumCPU(),
		"num_goroutine":      runtime.NumGoroutine(),
		"expected_user":      expected,
		"scenarios":          scenarios,
		"deep_recursion":     []int{deepA, deepB},
		"group_size":         groupCount,
		"pprof_labels":       map[string]string{"scenario": "labels", "worker": "7"},
		"user_goroutines":    gs,
		"runtime_stack_size": len(buf),
	}
	data, err := json.MarshalIndent(truth, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "json:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(ready+".truth.json", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "truth:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(ready, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "ready:", err)
		os.Exit(1)
	}
}
