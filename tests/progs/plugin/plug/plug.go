// The plugin of tests/progs/plugin: Start leaves 5 goroutines blocked in
// plugin code (a channel receive, a select, a mutex, a sleep, a
// sync.Cond), a finalizer and a timer whose functions are plugin code.
package main

import (
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"time"
	"unsafe"
)

type Leak struct{ buf [64]byte }

var (
	never = make(chan int)
	mu    sync.Mutex
	cmu   sync.Mutex
	cond  = sync.NewCond(&cmu)
	keep  []*Leak
	held  *Leak // reachable only from this plugin global (heap --why)
	ready sync.WaitGroup
)

//go:noinline
func recvForever(n int) int { ready.Done(); return <-never + n }

//go:noinline
func selectForever(a, b chan string) string {
	ready.Done()
	select {
	case s := <-a:
		return s
	case s := <-b:
		return s
	}
}

//go:noinline
func lockForever() { ready.Done(); mu.Lock() }

//go:noinline
func sleepForever(d time.Duration) { ready.Done(); time.Sleep(d) }

//go:noinline
func waitForever() {
	cmu.Lock()
	ready.Done()
	cond.Wait()
}

func finalize(l *Leak) { keep = append(keep, l) }

func afterHour() { never <- 1 }

// Start returns the type of the finalized objects as reflect names it and,
// on a second line, the address (hex) of the object only held shows.
func Start() string {
	held = &Leak{}
	mu.Lock()
	ready.Add(5)
	go recvForever(7)
	go selectForever(make(chan string), make(chan string))
	go lockForever()
	go sleepForever(time.Hour)
	go waitForever()
	ready.Wait()
	for i := 0; i < 3; i++ {
		runtime.SetFinalizer(&Leak{}, finalize)
	}
	time.AfterFunc(time.Hour, afterHour)
	time.Sleep(50 * time.Millisecond) // the goroutines park after Done
	return reflect.TypeOf(Leak{}).String() + "\n" + strconv.FormatUint(uint64(uintptr(unsafe.Pointer(held))), 16)
}
