// Command manyg parks N goroutines in four groups of identical stacks (of
// depths 5, 12, 20 and 30 frames), writes a ready file and blocks forever:
// a producer of big cores for benchmarks.
//
// Usage: manyg READY_FILE [N]   (N defaults to 225000)
// The truth file is READY_FILE + ".truth.json".
// MANYG_LABELS=1: every goroutine parks inside pprof.Do with two pprof
// labels, {"group": its group, "worker": its index} (the worker a string
// of its own on the heap, as a request id would be); two more frames each.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"
)

var block = make(chan int) // nobody ever sends on it

//go:noinline
func descend(depth int, parked *sync.WaitGroup) int {
	if depth <= 1 {
		parked.Done()
		return <-block
	}
	return descend(depth-1, parked) + 1
}

// One entry function per group, so that the groups differ by more than depth.

//go:noinline
func groupA(parked *sync.WaitGroup) { descend(5-1, parked) }

//go:noinline
func groupB(parked *sync.WaitGroup) { descend(12-1, parked) }

//go:noinline
func groupC(parked *sync.WaitGroup) { descend(20-1, parked) }

//go:noinline
func groupD(parked *sync.WaitGroup) { descend(30-1, parked) }

func main() {
	debug.SetGCPercent(20)
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: manyg READY_FILE [N]")
		os.Exit(2)
	}
	ready := os.Args[1]
	n := 225000
	if len(os.Args) > 2 {
		v, err := strconv.Atoi(os.Args[2])
		if err != nil || v < 0 {
			fmt.Fprintln(os.Stderr, "manyg: bad N:", os.Args[2])
			os.Exit(2)
		}
		n = v
	}
	groups := []func(*sync.WaitGroup){groupA, groupB, groupC, groupD}
	names := []string{"main.groupA", "main.groupB", "main.groupC", "main.groupD"}
	counts := make([]int, len(groups))
	labelled := os.Getenv("MANYG_LABELS") == "1"
	var parked sync.WaitGroup
	parked.Add(n)
	for i := 0; i < n; i++ {
		k := i % len(groups)
		counts[k]++
		if !labelled {
			go groups[k](&parked)
			continue
		}
		go func(k, i int) {
			pprof.Do(context.Background(), pprof.Labels("group", names[k], "worker", strconv.Itoa(i)),
				func(context.Context) { groups[k](&parked) })
		}(k, i)
	}
	parked.Wait()
	// Every goroutine has called Done just before its channel receive; give
	// the last ones time to park.
	time.Sleep(300 * time.Millisecond)

	byGroup := map[string]int{}
	for k, name := range names {
		byGroup[name] = counts[k]
	}
	truth := map[string]interface{}{
		"go_version":    runtime.Version(),
		"pid":           os.Getpid(),
		"num_goroutine": runtime.NumGoroutine(),
		"expected_user": n + 1,
		"labelled":      labelled,
		"groups":        byGroup,
		"group_depths":  map[string]int{"main.groupA": 5, "main.groupB": 12, "main.groupC": 20, "main.groupD": 30},
	}
	data, _ := json.MarshalIndent(truth, "", "  ")
	if err := os.WriteFile(ready+".truth.json", data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "manyg:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(ready, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "manyg:", err)
		os.Exit(1)
	}
	// Not <-block: with every goroutine blocked on channels and no timer the
	// runtime would die of "all goroutines are asleep - deadlock!".
	for {
		time.Sleep(time.Hour)
	}
}
