// heapbench: the heap of bench/bench_heap.py (issue 16's benchmark for
// heap --by-type). It builds a service-like heap of about MB megabytes
// (argument 2, default 256): a global cache map[string]*session that
// leaks (the sessions, their byte buffers, tag slices and strings), a
// linked list of nodes, channels with buffers, closures, and interface
// values; then runtime.GC(), and writes runtime.ReadMemStats's HeapObjects
// and HeapAlloc and its population counts to READY.truth.json before
// creating READY; it parks until the harness's SIGQUIT.
package main

import (
	"encoding/json"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"
)

type session struct {
	id   int64
	user string
	buf  []byte
	tags []string
	next *session
	meta any
}

type node struct {
	next  *node
	val   [4]int64
	label string
}

type event struct {
	at   int64
	kind int32
}

var (
	cache    = map[string]*session{}
	list     *node
	queues   []chan *event
	handlers []func() int64
)

func main() {
	ready := os.Args[1]
	mb := 256
	if len(os.Args) > 2 {
		mb, _ = strconv.Atoi(os.Args[2])
	}
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	// one unit: a session (~ 600 B with its buffer, tags and strings), a
	// node, and every 64 units a channel and a closure
	units := mb * 1024 * 1024 / 700
	for i := 0; i < units; i++ {
		k := "session-" + strconv.Itoa(i)
		s := &session{id: int64(i), user: "user-" + strconv.Itoa(i%1000), buf: make([]byte, 384),
			tags: []string{"a" + strconv.Itoa(i%7), "b" + strconv.Itoa(i%11)}}
		if i%3 == 0 {
			s.meta = &event{at: int64(i)}
		}
		cache[k] = s
		list = &node{next: list, val: [4]int64{int64(i)}}
		if i%64 == 0 {
			c := make(chan *event, 16)
			c <- &event{at: int64(i)}
			queues = append(queues, c)
			n := int64(i)
			handlers = append(handlers, func() int64 { return n + s.id })
		}
	}
	runtime.GC()
	debug.SetGCPercent(-1)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	truth := map[string]uint64{"HeapObjects": ms.HeapObjects, "HeapAlloc": ms.HeapAlloc,
		"sessions": uint64(len(cache)), "nodes": uint64(units), "chans": uint64(len(queues)),
		"closures": uint64(len(handlers))}
	b, _ := json.Marshal(truth)
	os.WriteFile(ready+".truth.json", b, 0o644)
	os.WriteFile(ready, []byte("x"), 0o644)
	select {}
}
