// The second plugin of tests/progs/plugin (several plugins: the runtime's
// module list longer than one): Start leaves one goroutine blocked in its
// code.
package main

var never = make(chan struct{})

//go:noinline
func park(id int) { <-never; _ = id }

func Start() string {
	go park(2)
	return ""
}
