// heaptypes: the scenario of tests/heaptypestest.py (gomortem heap
// --by-type). It allocates known populations and keeps them alive through
// globals: small pointerful structs, noscan buffers, structs > 512 B
// (Go 1.22+: a malloc header), large slices > 32 KiB and a large array type
// whose pointer data exceeds 128 KiB (a GC program up to Go 1.23: the
// runtime records a nameless copy of its type; from 1.24 the type itself),
// a map, channel buffers of pointers (> 512 B: a header), closures,
// objects with a finalizer held through unsafe.Pointer only, a list held
// only by a parked goroutine's local variable; the
// small objects among them are reached from the recorded ones (the slices'
// backing arrays), which the traversal of heap --by-type types. Then
// runtime.GC() (everything swept), debug.SetGCPercent(-1), and with no
// allocation after it: runtime.ReadMemStats, its HeapObjects and HeapAlloc
// and the population sizes written as JSON to READY_FILE.truth.json with
// raw system calls (paths and buffer prepared before), READY_FILE created
// last; it parks until the harness's SIGQUIT (GOTRACEBACK=crash).
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

type small struct {
	next *small
	a, b int64
}

// 8 + 640 = 648 B: size class 704 with its 8-byte header
type medium struct {
	p   *int
	pad [80]uint64
}

type elem struct {
	p *int
	x int64
}

// 20000 pointers: 160000 B of pointer data > 128 KiB, a GC program (<= 1.23)
type bigarr [20000]*int

type mapval struct {
	p *int
	x [3]int64
}

type chanelem struct{ a, b int }

// objects with a finalizer, held only through unsafe.Pointer (which carries
// no type): typed by their finalizer special (SetFinalizer keeps *finobj);
// each holds a finheld, typed from it
type finobj struct {
	held *finheld
	n    int64
}

type finheld struct {
	p *int
	v [2]int64
}

// held only by a parked goroutine's stack (a local pointer to the head of
// a list of them, each 16 B: no malloc header): typed from its frame's
// slot (DWARF and the stack maps)
type stkobj struct {
	next *stkobj
	n    int64
}

var stkStarted = make(chan bool)

//go:noinline
func holdStack(n int, c chan bool) {
	var head *stkobj
	for i := 0; i < n; i++ {
		head = &stkobj{next: head, n: int64(i)}
	}
	stkStarted <- true
	<-c
	runtime.KeepAlive(head)
}

// held only by an address-taken local of a parked goroutine (a stack
// object: the stack maps leave it out), reached from the live pointer
// parameter of the function it called: typed from that pointer's element
// type (DWARF), as the runtime scans a stack object a live pointer reaches
type sobjHolder struct {
	head *sobj
	tag  int64
}

type sobj struct {
	next *sobj
	n    int64
}

var sobjStarted = make(chan bool)

//go:noinline
func parkOn(h *sobjHolder, c chan bool) bool {
	sobjStarted <- true
	<-c
	return h.head != nil
}

//go:noinline
func holdStackObject(n int, c chan bool) bool {
	var h sobjHolder
	for i := 0; i < n; i++ {
		h.head = &sobj{next: h.head, n: int64(i)}
	}
	return parkOn(&h, c)
}

// the buffers' element type: a name of its own, so that the traversal's row
// of their backing arrays (reached from the largeType [][]octet) is theirs
type octet uint8

const (
	nSmall   = 3000
	nBuf     = 2000
	nMedium  = 700
	nLarge   = 40
	largeLen = 3000 // 48000 B
	nBig     = 6
	nMap     = 5000
	nChan    = 300
	chanCap  = 100 // 800 B of *chanelem: a header object
	nClosure = 500
	nFin     = 400
	nStack   = 600
	nStkObj  = 500
)

var (
	keepSmall   []*small
	keepBuf     [][]octet
	keepMedium  []*medium
	keepLarge   [][]elem
	keepBig     []*bigarr
	keepMap     map[int64]mapval
	keepChan    []chan *chanelem
	keepClosure []func() int
	keepFin     []unsafe.Pointer
)

func mkClosure(i int) func() int {
	x := make([]int, 1)
	return func() int { return i + x[0] }
}

func appendKV(b []byte, k string, v uint64, comma bool) []byte {
	b = append(b, '"')
	b = append(b, k...)
	b = append(b, '"', ':')
	b = strconv.AppendUint(b, v, 10)
	if comma {
		b = append(b, ',')
	}
	return b
}

func openat(p *byte) int {
	fd, _, e := syscall.RawSyscall6(syscall.SYS_OPENAT, uintptr(0xffffff9c) /* AT_FDCWD */, uintptr(unsafe.Pointer(p)),
		uintptr(syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC), 0o644, 0, 0)
	if e != 0 {
		return -1
	}
	return int(fd)
}

func rawWrite(fd int, b []byte) {
	syscall.RawSyscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	syscall.RawSyscall(syscall.SYS_CLOSE, uintptr(fd), 0, 0)
}

func main() {
	ready := os.Args[1]
	// something to wait for, so that the final select is not a deadlock;
	// started first: its timer is allocated long before the measurement
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	keepSmall = make([]*small, 0, nSmall)
	for i := 0; i < nSmall; i++ {
		keepSmall = append(keepSmall, &small{a: int64(i)})
	}
	keepBuf = make([][]octet, 0, nBuf)
	for i := 0; i < nBuf; i++ {
		keepBuf = append(keepBuf, make([]octet, 100))
	}
	keepMedium = make([]*medium, 0, nMedium)
	for i := 0; i < nMedium; i++ {
		keepMedium = append(keepMedium, new(medium))
	}
	keepLarge = make([][]elem, 0, nLarge)
	for i := 0; i < nLarge; i++ {
		keepLarge = append(keepLarge, make([]elem, largeLen))
	}
	keepBig = make([]*bigarr, 0, nBig)
	for i := 0; i < nBig; i++ {
		keepBig = append(keepBig, new(bigarr))
	}
	keepMap = make(map[int64]mapval)
	for i := 0; i < nMap; i++ {
		keepMap[int64(i)] = mapval{x: [3]int64{int64(i)}}
	}
	keepChan = make([]chan *chanelem, 0, nChan)
	for i := 0; i < nChan; i++ {
		keepChan = append(keepChan, make(chan *chanelem, chanCap))
	}
	keepClosure = make([]func() int, 0, nClosure)
	for i := 0; i < nClosure; i++ {
		keepClosure = append(keepClosure, mkClosure(i))
	}

	keepFin = make([]unsafe.Pointer, 0, nFin)
	for i := 0; i < nFin; i++ {
		o := &finobj{held: &finheld{}, n: int64(i)}
		runtime.SetFinalizer(o, func(*finobj) {})
		keepFin = append(keepFin, unsafe.Pointer(o))
	}

	go holdStack(nStack, make(chan bool))
	<-stkStarted
	go holdStackObject(nStkObj, make(chan bool))
	<-sobjStarted

	truthPath, _ := syscall.BytePtrFromString(ready + ".truth.json")
	readyPath, _ := syscall.BytePtrFromString(ready)
	buf := make([]byte, 0, 4096)
	var ms runtime.MemStats
	runtime.GC()
	debug.SetGCPercent(-1)
	// ReadMemStats stops and restarts the world; the restart may start a
	// thread (an M: new(m) and its g0 and gsignal are heap objects) when no
	// idle one is parked. Two calls first make those threads now.
	for i := 0; i < 2; i++ {
		runtime.ReadMemStats(&ms)
		time.Sleep(20 * time.Millisecond)
	}
	// no allocation from here on: the writes are raw system calls (no P
	// handoff that could start a thread either)
	runtime.ReadMemStats(&ms)
	buf = append(buf, '{')
	buf = appendKV(buf, "HeapObjects", ms.HeapObjects, true)
	buf = appendKV(buf, "HeapAlloc", ms.HeapAlloc, true)
	buf = appendKV(buf, "small", nSmall, true)
	buf = appendKV(buf, "buf", nBuf, true)
	buf = appendKV(buf, "medium", nMedium, true)
	buf = appendKV(buf, "large", nLarge, true)
	buf = appendKV(buf, "large_len", largeLen, true)
	buf = appendKV(buf, "big", nBig, true)
	buf = appendKV(buf, "big_size", uint64(unsafe.Sizeof(bigarr{})), true)
	buf = appendKV(buf, "map", nMap, true)
	buf = appendKV(buf, "chan", nChan, true)
	buf = appendKV(buf, "chan_cap", chanCap, true)
	buf = appendKV(buf, "closure", nClosure, true)
	buf = appendKV(buf, "fin", nFin, true)
	buf = appendKV(buf, "stack", nStack, true)
	buf = appendKV(buf, "stack_object", nStkObj, false)
	buf = append(buf, '}', '\n')
	fd := openat(truthPath)
	if fd < 0 {
		os.Exit(3)
	}
	rawWrite(fd, buf)
	fd = openat(readyPath)
	rawWrite(fd, buf[:1])
	select {}
}
