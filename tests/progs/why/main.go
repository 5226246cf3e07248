// why: heap objects kept alive along known paths, for gomortem heap --why
// (tests/whytest.py). Buf objects (1008 bytes with a pointer: the runtime
// records their type from Go 1.22) are held
//   - by the global main.global directly,
//   - by the map main.cache through a *Session each (perCache of them),
//   - by nothing but the stack of a goroutine parked in main.holder,
//   - by nothing at all (garbage: the GC is off once it is made).
// The program writes their addresses and counts (JSON) to argv[1] and
// waits to be dumped.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
	"unsafe"
)

const perCache = 50

type Buf struct {
	next *Buf
	data [1000]byte
}

type Session struct {
	id  int
	buf *Buf
}

var (
	global  *Buf
	cache   = map[int]*Session{}
	escape  *Buf // makes a Buf a heap object, then cleared
	started = make(chan string)
)

func addr(b *Buf) string { return strconv.FormatUint(uint64(uintptr(unsafe.Pointer(b))), 16) }

//go:noinline
func newBuf() *Buf {
	b := &Buf{}
	escape = b
	escape = nil
	return b
}

//go:noinline
func holder(c chan int) {
	b := newBuf()
	started <- addr(b)
	<-c
	runtime.KeepAlive(b)
}

// in a function of its own: no frame of main keeps the pointer
//
//go:noinline
func cacheAddr(i int) string { return addr(cache[i].buf) }

//go:noinline
func makeGarbage() string {
	return addr(newBuf())
}

// the objects are made in a frame that is gone when main goes on, so that
// no dead slot of main's frame keeps a pointer to one of them
//
//go:noinline
func setup() string {
	global = newBuf()
	for i := 0; i < perCache; i++ {
		cache[i] = &Session{id: i, buf: newBuf()}
	}
	go holder(make(chan int))
	return <-started
}

// Zeroes the stack below main's frame, where setup's frames were: the
// stacks are scanned conservatively (heap --why says so), and a frame made
// later (gopark's) can keep their words in slots it never writes.
//
//go:noinline
func clearStack() byte {
	var b [32 << 10]byte
	for i := range b {
		b[i] = byte(i >> 16)
	}
	return b[len(b)-1]
}

var sinkByte byte

func main() {
	// no collection at all: the garbage Buf stays, and no GC worker's
	// stack keeps words of the objects it marked
	debug.SetGCPercent(-1)
	stack := setup()
	garbage := makeGarbage()
	sinkByte = clearStack()
	t := map[string]interface{}{
		"global":  addr(global),
		"cache":   cacheAddr(7),
		"stack":   stack,
		"garbage": garbage,
		"bufs":    perCache + 3,
	}
	b, _ := json.Marshal(t)
	os.WriteFile(os.Args[1]+".tmp", b, 0644)
	os.Rename(os.Args[1]+".tmp", os.Args[1])
	time.Sleep(time.Hour)
}
