// sparse: the scenario of tests/sparsetest.py (issue 17). It maps 64 GiB of
// anonymous memory with syscall.Mmap (MAP_NORESERVE: address space only),
// writes one non-zero byte into each of 1,000 pages spread over it (without
// transparent huge pages, so each is one 4 KiB page), maps 128 MiB more and
// writes a non-zero byte into every page of it (resident), writes what it did to
// READY_FILE.truth.json, then READY_FILE, and waits for the harness (its
// SIGQUIT with GOTRACEBACK=crash, or a kill).
package main

import (
	"encoding/json"
	"os"
	"syscall"
	"time"
	"unsafe"
)

const (
	size     = 64 << 30
	touched  = 1000
	resident = 128 << 20
)

var region, dense []byte

type truth struct {
	Addr    uint64 `json:"addr"`
	Size    uint64 `json:"size"`
	Touched int    `json:"touched_pages"`
	RAddr   uint64 `json:"resident_addr"`
	RSize   uint64 `json:"resident_size"`
}

func main() {
	ready := os.Args[1]
	var err error
	// a page more at each end, made inaccessible: gomortem's maps merges
	// adjacent pieces of the same class (docs/json.md), so an anonymous
	// mapping the runtime happens to place right beside this one would be
	// reported with it
	region, err = guarded(size, syscall.MAP_NORESERVE)
	if err != nil {
		panic(err)
	}
	if err := syscall.Madvise(region, 15 /* MADV_NOHUGEPAGE */); err != nil {
		panic(err)
	}
	stride := size / touched
	for i := 0; i < touched; i++ {
		region[i*stride+i%4096] = byte(1 + i%255)
	}
	dense, err = guarded(resident, 0)
	if err != nil {
		panic(err)
	}
	for i := 0; i < resident; i += 4096 {
		dense[i+i/4096%4096] = 0x5a
	}
	t := truth{Addr: uint64(uintptr(unsafe.Pointer(&region[0]))), Size: size, Touched: touched,
		RAddr: uint64(uintptr(unsafe.Pointer(&dense[0]))), RSize: resident}
	b, _ := json.Marshal(t)
	if err := os.WriteFile(ready+".truth.json", b, 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(ready, nil, 0o644); err != nil {
		panic(err)
	}
	for {
		time.Sleep(time.Hour)
	}
}

// guarded maps n bytes of anonymous read-write memory between two
// inaccessible pages, so that neither the kernel nor gomortem's maps joins
// it with a neighbouring mapping.
func guarded(n int, flags int) ([]byte, error) {
	b, err := syscall.Mmap(-1, 0, n+2*4096, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_ANON|syscall.MAP_PRIVATE|flags)
	if err != nil {
		return nil, err
	}
	if err := syscall.Mprotect(b[:4096], syscall.PROT_NONE); err != nil {
		return nil, err
	}
	if err := syscall.Mprotect(b[4096+n:], syscall.PROT_NONE); err != nil {
		return nil, err
	}
	return b[4096 : 4096+n], nil
}
