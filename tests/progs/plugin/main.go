// A Go program that loads a Go plugin (-buildmode=plugin, issue 17 item 1):
// the plugin's goroutines block in plugin code, then the program writes
// its ready file (argv[1]) and waits for the test's SIGQUIT
// (GOTRACEBACK=crash: the runtime's own dump, then a core). argv[2] is the
// plugin's path. READY.type: the plugin's name of its finalized type.
package main

import (
	"os"
	"plugin"
)

func main() {
	if len(os.Args) < 3 {
		os.Stderr.WriteString("usage: plugin READY PLUGIN.so\n")
		os.Exit(2)
	}
	p, err := plugin.Open(os.Args[2])
	if err != nil {
		panic(err)
	}
	sym, err := p.Lookup("Start")
	if err != nil {
		panic(err)
	}
	// the plugin's name for the type of its finalized objects (%T):
	// the truth the test checks finalizers' object_type against
	typ := sym.(func() string)()
	if err := os.WriteFile(os.Args[1]+".type", []byte(typ), 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(os.Args[1], []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	select {}
}
