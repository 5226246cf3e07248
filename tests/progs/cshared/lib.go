// A Go library built with -buildmode=c-shared, loaded by a C program
// (host/host.c) (issue 17 item 2). GoStart starts goroutines parked at
// known depths, an AfterFunc timer and finalizers, then writes READY; GoPanic
// panics in an exported function, so with GOTRACEBACK=crash the runtime
// prints its dump and aborts: a core of a C program whose Go runtime lives
// in a shared library (SIGQUIT prints no dump in a c-shared library).
// tests/carchivetest.py builds it with -buildmode=c-archive instead: the
// runtime is then linked into the C program itself.
package main

import "C"

import (
	"os"
	"runtime"
	"time"
)

var (
	sink = make(chan int)
	keep []*[64]byte
	after *time.Timer
)

func afterHour() {}

func blocked(n int) {
	if n > 0 {
		blocked(n - 1)
		return
	}
	<-sink
}

func finalize(*[64]byte) {}

//export GoStart
func GoStart(ready *C.char) {
	for i := 0; i < 5; i++ {
		go blocked(i)
	}
	after = time.AfterFunc(time.Hour, afterHour)
	for i := 0; i < 3; i++ {
		p := new([64]byte)
		runtime.SetFinalizer(p, finalize)
		keep = append(keep, p)
	}
	for runtime.NumGoroutine() < 6 {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	if err := os.WriteFile(C.GoString(ready), []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
}

//export GoPanic
func GoPanic() {
	panic("gomortem c-shared test")
}

func main() {}
