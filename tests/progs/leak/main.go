// leak: a slow goroutine leak for gomortem diff (tests/growthtest.py).
// Each phase leaks PER goroutines blocked in a channel receive, then writes
// its truth (goroutines leaked so far) to the file argv[1] and waits for
// the file argv[1]+".go" to go on. A stable pool of the same shape does not
// change between phases.
package main

import (
	"fmt"
	"os"
	"time"
)

const per = 700

var build = "a" // -ldflags=-X main.build=b makes another build

func leakWorker(c chan int) { <-c }

func poolWorker(c chan int) { <-c }

func main() {
	truth := os.Args[1]
	for i := 0; i < 50; i++ {
		go poolWorker(make(chan int))
	}
	for phase := 1; phase <= 2; phase++ {
		for i := 0; i < per; i++ {
			go leakWorker(make(chan int))
		}
		os.WriteFile(truth+".tmp", []byte(fmt.Sprintf("%d %d %s\n", phase, phase*per, build)), 0644)
		os.Rename(truth+".tmp", truth)
		for i := 0; i < 600; i++ {
			if _, err := os.Stat(fmt.Sprintf("%s.go%d", truth, phase)); err == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	time.Sleep(time.Minute)
}
