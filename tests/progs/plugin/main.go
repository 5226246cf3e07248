// A Go program that loads a Go plugin (-buildmode=plugin, issue 17 item 1):
// the plugin's goroutines block in plugin code, then the program writes
// its ready file (argv[1]) and waits for the test's SIGQUIT
// (GOTRACEBACK=crash: the runtime's own dump, then a core). argv[2:] are the
// plugins' paths, opened in order. READY.type: the first plugin's name of
// its finalized type. With PLUGIN_STEP set, after the first plugin the
// program writes READY.first (its pid) and waits for READY.next before it
// opens the others (a snapshot with one plugin, then one with all).
package main

import (
	"os"
	"plugin"
	"strconv"
	"time"
)

func main() {
	if len(os.Args) < 3 {
		os.Stderr.WriteString("usage: plugin READY PLUGIN.so...\n")
		os.Exit(2)
	}
	// every plugin named (argv[2:]) opened in order; the first one's
	// name for the type of its finalized objects (%T) is the truth the
	// test checks finalizers' object_type against (READY.type)
	for i, path := range os.Args[2:] {
		p, err := plugin.Open(path)
		if err != nil {
			panic(err)
		}
		sym, err := p.Lookup("Start")
		if err != nil {
			panic(err)
		}
		typ := sym.(func() string)()
		if i == 0 {
			if err := os.WriteFile(os.Args[1]+".type", []byte(typ), 0o644); err != nil {
				panic(err)
			}
			if os.Getenv("PLUGIN_STEP") != "" && len(os.Args) > 3 {
				if err := os.WriteFile(os.Args[1]+".first", []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
					panic(err)
				}
				for {
					if _, err := os.Stat(os.Args[1] + ".next"); err == nil {
						break
					}
					time.Sleep(10 * time.Millisecond)
				}
			}
		}
	}
	if err := os.WriteFile(os.Args[1], []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	select {}
}
