// typesite: the scenario of tests/typesitetest.py (gomortem heap --by-type,
// type x allocation site). With MemProfileRate=1 (every allocation
// sampled) it allocates known types from known functions: main.rec
// (> 512 B: a malloc header on Go 1.22+) from allocRecA and allocRecB,
// main.huge (> 32 KiB: mspan.largeType) from allocHuge, noscan buffers from
// allocBuf, and some main.rec from allocRecA that it drops again. After
// runtime.GC() (the dropped ones freed and swept, their profile specials
// gone) it writes which type came from which function and how many are
// live to READY.truth.json, creates READY and parks until the harness's
// SIGQUIT (GOTRACEBACK=crash).
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"time"
	"unsafe"
)

var _ = func() int { runtime.MemProfileRate = 1; return 0 }()

type rec struct {
	p   *int
	pad [100]uint64
}

type huge struct {
	p   *int
	pad [5000]uint64
}

const (
	nRecA    = 50
	nRecB    = 30
	nDropped = 20
	nHuge    = 7
	nBuf     = 20
	bufLen   = 2000
)

var (
	keepRec  []*rec
	keepHuge []*huge
	keepBuf  [][]byte
	sink     *rec
)

//go:noinline
func allocRecA() *rec { return new(rec) }

//go:noinline
func allocRecB() *rec { return new(rec) }

//go:noinline
func allocHuge() *huge { return new(huge) }

//go:noinline
func allocBuf() []byte { return make([]byte, bufLen) }

func main() {
	ready := os.Args[1]
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	keepRec = make([]*rec, 0, nRecA+nRecB)
	for i := 0; i < nRecA; i++ {
		keepRec = append(keepRec, allocRecA())
	}
	for i := 0; i < nDropped; i++ {
		sink = allocRecA() // dropped: freed by the GC below
	}
	for i := 0; i < nRecB; i++ {
		keepRec = append(keepRec, allocRecB())
	}
	for i := 0; i < nHuge; i++ {
		keepHuge = append(keepHuge, allocHuge())
	}
	for i := 0; i < nBuf; i++ {
		keepBuf = append(keepBuf, allocBuf())
	}
	sink = nil
	runtime.GC()
	runtime.GC()
	// a use of the profile (otherwise the linker disables memory
	// profiling), the way programs use it
	if err := pprof.WriteHeapProfile(io.Discard); err != nil {
		os.Exit(4)
	}
	truth := fmt.Sprintf(`{"rate": %d, "rec_size": %d, "huge_size": %d, "buf_len": %d, "pairs": [`+
		`{"type": "main.rec", "site": "main.allocRecA", "live": %d, "header": true},`+
		`{"type": "main.rec", "site": "main.allocRecB", "live": %d, "header": true},`+
		`{"type": "main.huge", "site": "main.allocHuge", "live": %d, "large": true},`+
		`{"type": null, "site": "main.allocBuf", "live": %d, "noscan": true}]}`+"\n",
		runtime.MemProfileRate, unsafe.Sizeof(rec{}), unsafe.Sizeof(huge{}), bufLen,
		nRecA, nRecB, nHuge, nBuf)
	if err := os.WriteFile(ready+".truth.json", []byte(truth), 0o644); err != nil {
		os.Exit(3)
	}
	if err := os.WriteFile(ready, []byte("{"), 0o644); err != nil {
		os.Exit(3)
	}
	runtime.KeepAlive(keepRec)
	select {}
}
