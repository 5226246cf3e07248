// Command types makes known numbers of distinct types through each reflect
// constructor (StructOf, PointerTo, SliceOf, MapOf, ChanOf, ArrayOf, FuncOf)
// and calls functions through reflect (Value.Call: reflect's layoutCache),
// writes what gomortem must find to READY_FILE.truth.json, then the ready
// file, and waits for SIGQUIT (tests/typestest.py).
//
// Every type of a constructor is built from struct types whose field name is
// unique to that constructor (S, P, L, M, C, A, U + index), so that the test
// can count exactly the program's own types among the ones reflect makes
// for itself (MapOf's group and slot structs on Swiss maps, ...).
//
// It also holds maps for the map reader's test on real cores (GMaps, SM:
// tests/unit/test_gomap.c --core): 0, 1, 8, 9 and 5,000 entries, string,
// struct and big (indirect) keys, big elements, and on Go <= 1.23 a map
// caught in the middle of growing. Key i maps to i*10+1.
//
// Usage: types READY_FILE
//
// Keep this file compatible with Go 1.19 and free of cgo.
package main

import (
	"encoding/json"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"
)

type SKey struct{ A, B, C int }
type BigKey [20]int  // 160 bytes: stored indirectly
type BigElem [40]int // 320 bytes: stored indirectly

// GMaps: the maps, in interfaces (the type word is the map type descriptor).
var GMaps [16]interface{}

// SM: a sync.Map of ints.
var SM sync.Map

type mapRec struct {
	Index   int    `json:"index"`
	Kind    string `json:"kind"`
	Count   int    `json:"count"`
	Growing bool   `json:"growing"`
}

func intMap(n int) map[int]int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[i] = i*10 + 1
	}
	return m
}

// growing: does the classic map header say a grow is in progress
// (hmap.oldbuckets at +24; Go <= 1.23, and 1.24/1.25 with noswissmap)?
func growing(m map[int]int) bool {
	v := runtime.Version()
	if !strings.HasPrefix(v, "go1.") {
		return false
	}
	minor, _ := strconv.Atoi(strings.SplitN(v[4:], ".", 2)[0])
	classic := minor <= 23
	if bi, ok := debug.ReadBuildInfo(); ok && (minor == 24 || minor == 25) {
		for _, st := range bi.Settings {
			if st.Key == "GOEXPERIMENT" && strings.Contains(st.Value, "noswissmap") {
				classic = true
			}
		}
	}
	if !classic {
		return false
	}
	h := *(*unsafe.Pointer)(unsafe.Pointer(&m))
	return *(*unsafe.Pointer)(unsafe.Add(h, 24)) != nil
}

func makeMaps() []mapRec {
	var recs []mapRec
	add := func(kind string, n int, m interface{}, grow bool) {
		GMaps[len(recs)] = m
		recs = append(recs, mapRec{len(recs), kind, n, grow})
	}
	for _, n := range []int{0, 1, 8, 9, 5000} {
		add("int", n, intMap(n), false)
	}
	ms := make(map[string]int)
	for i := 0; i < 5000; i++ {
		ms["k"+strconv.Itoa(i)] = i*10 + 1
	}
	add("string", 5000, ms, false)
	mst := make(map[SKey]int)
	for i := 0; i < 9; i++ {
		mst[SKey{i, 2 * i, 3 * i}] = i*10 + 1
	}
	add("struct", 9, mst, false)
	mbk := make(map[BigKey]int)
	for i := 0; i < 100; i++ {
		var k BigKey
		k[0], k[19] = i, 3*i
		mbk[k] = i*10 + 1
	}
	add("bigkey", 100, mbk, false)
	mbe := make(map[int]BigElem)
	for i := 0; i < 100; i++ {
		var e BigElem
		e[0], e[39] = i*10+1, 5*i
		mbe[i] = e
	}
	add("bigelem", 100, mbe, false)
	// 53 inserts: the 53rd makes an 8-bucket classic map grow to 16; only
	// the buckets that insert touched are evacuated
	// (a same-size grow for too many overflow buckets may come first with
	// some hash seeds: try other maps, each has its own seed)
	mg := intMap(53)
	for try := 0; try < 100 && !growing(mg); try++ {
		mg = intMap(53)
	}
	add("int", 53, mg, growing(mg))
	for i := 0; i < 100; i++ {
		SM.Store(i, i*10+1)
	}
	SM.Delete(99) // deleted entries are not listed
	return recs
}

type K1 struct{ a int }
type K2 struct{ b string }
type K3 struct{ c [3]byte }

//go:noinline
func f1(k K1) int { return k.a }

//go:noinline
func f2(k K2, n int) string { return k.b + strconv.Itoa(n) }

//go:noinline
func f3(k K3) (byte, bool) { return k.c[0], true }

type typeRec struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Size uintptr `json:"size"`
}

type group struct {
	Cache   string    `json:"cache"`
	Pattern string    `json:"pattern"` // a Python regular expression on the name
	Count   int       `json:"count"`
	Sample  []typeRec `json:"sample"`
	// RuntimeCreated: whether these types are made at run time (false: the
	// executable has them and reflect found them in its typelinks)
	RuntimeCreated bool `json:"runtime_created"`
}

var keep []reflect.Type


func base(prefix string, i int) reflect.Type {
	f := []reflect.StructField{{Name: prefix + strconv.Itoa(i), Type: reflect.TypeOf(int(0))}}
	return reflect.StructOf(f)
}

func rec(t reflect.Type) typeRec {
	return typeRec{Name: t.String(), Kind: t.Kind().String(), Size: t.Size()}
}

func make_(cache, pattern, prefix string, n int, mk func(reflect.Type) reflect.Type) group {
	g := group{Cache: cache, Pattern: pattern, Count: n, RuntimeCreated: true}
	for i := 0; i < n; i++ {
		t := mk(base(prefix, i))
		keep = append(keep, t)
		if i%7 == 0 || i == n-1 {
			g.Sample = append(g.Sample, rec(t))
		}
	}
	return g
}

func main() {
	if len(os.Args) < 2 {
		os.Stderr.WriteString("usage: types READY_FILE\n")
		os.Exit(2)
	}
	ready := os.Args[1]
	var groups []group
	id := func(t reflect.Type) reflect.Type { return t }
	groups = append(groups,
		make_("structLookupCache", `^struct \{ S\d+ int \}$`, "S", 40, id),
		make_("ptrMap", `^\*struct \{ P\d+ int \}$`, "P", 12, reflect.PtrTo),
		make_("lookupCache", `^\[\]struct \{ L\d+ int \}$`, "L", 30, reflect.SliceOf),
		make_("lookupCache", `^map\[string\]struct \{ M\d+ int \}$`, "M", 20,
			func(t reflect.Type) reflect.Type { return reflect.MapOf(reflect.TypeOf(""), t) }),
		make_("lookupCache", `^chan struct \{ C\d+ int \}$`, "C", 10,
			func(t reflect.Type) reflect.Type { return reflect.ChanOf(reflect.BothDir, t) }),
		make_("lookupCache", `^\[3\]struct \{ A\d+ int \}$`, "A", 25,
			func(t reflect.Type) reflect.Type { return reflect.ArrayOf(3, t) }),
		make_("funcLookupCache", `^func\(struct \{ U\d+ int \}\) int$`, "U", 15,
			func(t reflect.Type) reflect.Type {
				return reflect.FuncOf([]reflect.Type{t}, []reflect.Type{reflect.TypeOf(0)}, false)
			}),
	)
	// []string is in the executable (os.Args): SliceOf finds it in the
	// typelinks and caches that type, not one made at run time.
	sk := reflect.SliceOf(reflect.TypeOf(""))
	groups = append(groups, group{Cache: "lookupCache", Pattern: `^\[\]string$`, Count: 1,
		Sample: []typeRec{rec(sk)}, RuntimeCreated: false})
	// layoutCache: one entry per function type called through reflect
	reflect.ValueOf(f1).Call([]reflect.Value{reflect.ValueOf(K1{1})})
	reflect.ValueOf(f2).Call([]reflect.Value{reflect.ValueOf(K2{"x"}), reflect.ValueOf(2)})
	reflect.ValueOf(f3).Call([]reflect.Value{reflect.ValueOf(K3{})})
	groups = append(groups, group{Cache: "layoutCache", Pattern: `^funcargs\(func\(main\.K[123]`, Count: 3,
		RuntimeCreated: true})

	truth := map[string]interface{}{
		"go_version": runtime.Version(),
		"groups":     groups,
		"maps":       makeMaps(),
		"syncmap":    99,
	}
	b, err := json.MarshalIndent(truth, "", " ")
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(ready+".truth.json", b, 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(ready, []byte("ready\n"), 0o644); err != nil {
		panic(err)
	}
	runtime.KeepAlive(keep)
	for {
		time.Sleep(time.Hour)
	}
}
