exit 0
-- stdout
goroutine 1 gp=0x1026b44141e0 m=nil [chan receive]:
runtime.gopark(0x1026b44de008?, 0x57f2f8?, 0x0?, 0x85?, 0x1026b4600000?)
	runtime/proc.go:474 +0xca fp=0x1026b44b3c68 sp=0x1026b44b3c48 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b44b3ce0 sp=0x1026b44b3c68 pc=0x417a2e
runtime.chanrecv1(0x1026b44800c0?, 0x1026b44220c8?)
	runtime/chan.go:509 +0x12 fp=0x1026b44b3d08 sp=0x1026b44b3ce0 pc=0x417572
main.mainWait(0x7fff36b3f863?)
	example.com/scenarios/main.go:187 +0x15 fp=0x1026b44b3d28 sp=0x1026b44b3d08 pc=0x56d0b5
main.main()
	example.com/scenarios/main.go:344 +0xfa5 fp=0x1026b44b3eb8 sp=0x1026b44b3d28 pc=0x56e0a5
runtime.main()
	runtime/proc.go:302 +0x427 fp=0x1026b44b3fe0 sp=0x1026b44b3eb8 pc=0x44e7a7
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b44b3fe8 sp=0x1026b44b3fe0 pc=0x48ad61

goroutine 2 gp=0x1026b4414780 m=nil [force gc (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444cfa8 sp=0x1026b444cf88 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.forcegchelper()
	runtime/proc.go:387 +0xb3 fp=0x1026b444cfe0 sp=0x1026b444cfa8 pc=0x44ea73
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444cfe8 sp=0x1026b444cfe0 pc=0x48ad61
created by runtime.init.7 in goroutine 1
	runtime/proc.go:375 +0x1a

goroutine 3 gp=0x1026b4414d20 m=nil [GC sweep wait]:
runtime.gopark(0x1?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444d788 sp=0x1026b444d768 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.bgsweep(0x1026b446c000)
	runtime/mgcsweep.go:324 +0x151 fp=0x1026b444d7c8 sp=0x1026b444d788 pc=0x439771
runtime.gcenable.gowrap1()
	runtime/mgc.go:214 +0x17 fp=0x1026b444d7e0 sp=0x1026b444d7c8 pc=0x47ba37
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444d7e8 sp=0x1026b444d7e0 pc=0x48ad61
created by runtime.gcenable in goroutine 1
	runtime/mgc.go:214 +0x66

goroutine 4 gp=0x1026b4414f00 m=nil [GC scavenge wait]:
runtime.gopark(0x1026b446c000?, 0x57e980?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444df78 sp=0x1026b444df58 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.(*scavengerState).park(0x71ff00)
	runtime/mgcscavenge.go:425 +0x49 fp=0x1026b444dfa8 sp=0x1026b444df78 pc=0x437289
runtime.bgscavenge(0x1026b446c000)
	runtime/mgcscavenge.go:658 +0x59 fp=0x1026b444dfc8 sp=0x1026b444dfa8 pc=0x4377f9
runtime.gcenable.gowrap2()
	runtime/mgc.go:215 +0x17 fp=0x1026b444dfe0 sp=0x1026b444dfc8 pc=0x47b9f7
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444dfe8 sp=0x1026b444dfe0 pc=0x48ad61
created by runtime.gcenable in goroutine 1
	runtime/mgc.go:215 +0xa5

goroutine 17 gp=0x1026b4500000 m=nil [GOMAXPROCS updater (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4448788 sp=0x1026b4448768 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.updateMaxProcsGoroutine()
	runtime/proc.go:7146 +0xe7 fp=0x1026b44487e0 sp=0x1026b4448788 pc=0x45be67
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b44487e8 sp=0x1026b44487e0 pc=0x48ad61
created by runtime.defaultGOMAXPROCSUpdateEnable in goroutine 1
	runtime/proc.go:7134 +0x37

goroutine 18 gp=0x1026b45001e0 m=nil [chan receive]:
runtime.gopark(0x740a60?, 0x1f80005?, 0x88?, 0x8d?, 0x41ea17?)
	runtime/proc.go:474 +0xca fp=0x1026b4472d40 sp=0x1026b4472d20 pc=0x48494a
runtime.chanrecv(0x1026b4504230, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4472db8 sp=0x1026b4472d40 pc=0x417a2e
runtime.chanrecv1(0x1026b45041c0?, 0x4826eb?)
	runtime/chan.go:509 +0x12 fp=0x1026b4472de0 sp=0x1026b4472db8 pc=0x417572
main.finalizerBlock(0x0?)
	example.com/scenarios/main.go:183 +0x28 fp=0x1026b4472e00 sp=0x1026b4472de0 pc=0x56d088
runtime.call16(0x0, 0x70b9b0, 0x1026b44220b0, 0x10, 0x10, 0x10, 0x1026b4472e98)
	runtime/asm_amd64.s:804 +0x3a fp=0x1026b4472e20 sp=0x1026b4472e00 pc=0x4898fa
runtime.runFinalizers()
	runtime/mfinal.go:272 +0x3f7 fp=0x1026b4472fe0 sp=0x1026b4472e20 pc=0x42aad7
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4472fe8 sp=0x1026b4472fe0 pc=0x48ad61
created by runtime.createfing in goroutine 1
	runtime/mfinal.go:172 +0x3d

goroutine 19 gp=0x1026b45003c0 m=nil [cleanup wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4449768 sp=0x1026b4449748 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.(*cleanupQueue).dequeue(0x720040)
	runtime/mcleanup.go:522 +0xd3 fp=0x1026b44497a0 sp=0x1026b4449768 pc=0x427513
runtime.runCleanups()
	runtime/mcleanup.go:718 +0x45 fp=0x1026b44497e0 sp=0x1026b44497a0 pc=0x427b85
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b44497e8 sp=0x1026b44497e0 pc=0x48ad61
created by runtime.(*cleanupQueue).createGs in goroutine 1
	runtime/mcleanup.go:672 +0xa5

goroutine 20 gp=0x1026b45005a0 m=nil [chan send]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4449f08 sp=0x1026b4449ee8 pc=0x48494a
runtime.chansend(0x1026b4504150, 0x57e980, 0x1, 0x0?)
	runtime/chan.go:283 +0x3fc fp=0x1026b4449f78 sp=0x1026b4449f08 pc=0x416b1c
runtime.chansend1(0x0?, 0x0?)
	runtime/chan.go:161 +0x17 fp=0x1026b4449fa8 sp=0x1026b4449f78 pc=0x416717
main.blockChanSend(0x0?)
	example.com/scenarios/main.go:55 +0x1a fp=0x1026b4449fc8 sp=0x1026b4449fa8 pc=0x56c77a
main.main.func1()
	example.com/scenarios/main.go:212 +0x1a fp=0x1026b4449fe0 sp=0x1026b4449fc8 pc=0x56f3ba
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4449fe8 sp=0x1026b4449fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 21 gp=0x1026b4500780 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444a700 sp=0x1026b444a6e0 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b444a7b0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b444a778 sp=0x1026b444a700 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b444a7a0 sp=0x1026b444a778 pc=0x417572
main.blockChanRecv(0x0?)
	example.com/scenarios/main.go:58 +0x25 fp=0x1026b444a7c8 sp=0x1026b444a7a0 pc=0x56c7c5
main.main.func2()
	example.com/scenarios/main.go:213 +0x1a fp=0x1026b444a7e0 sp=0x1026b444a7c8 pc=0x56f3fa
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444a7e8 sp=0x1026b444a7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 22 gp=0x1026b4500960 m=nil [select]:
runtime.gopark(0x1026b444af40?, 0x4?, 0x8a?, 0x9?, 0x1026b444af20?)
	runtime/proc.go:474 +0xca fp=0x1026b444ada0 sp=0x1026b444ad80 pc=0x48494a
runtime.selectgo(0x1026b444af40, 0x1026b444af18, 0x0?, 0x1, 0x0?, 0x1)
	runtime/select.go:351 +0xa97 fp=0x1026b444aee0 sp=0x1026b444ada0 pc=0x4608f7
main.blockSelect(0x1026b45040e0, 0x1026b4504150, 0x0)
	example.com/scenarios/main.go:64 +0x12c fp=0x1026b444afb8 sp=0x1026b444aee0 pc=0x56c92c
main.main.func3()
	example.com/scenarios/main.go:214 +0x25 fp=0x1026b444afe0 sp=0x1026b444afb8 pc=0x56f445
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444afe8 sp=0x1026b444afe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 23 gp=0x1026b4500b40 m=nil [select (no cases)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444b7a0 sp=0x1026b444b780 pc=0x48494a
runtime.block()
	runtime/select.go:104 +0x26 fp=0x1026b444b7d0 sp=0x1026b444b7a0 pc=0x45fe46
main.blockSelectNoCases()
	example.com/scenarios/main.go:77 +0xf fp=0x1026b444b7e0 sp=0x1026b444b7d0 pc=0x56ca4f
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444b7e8 sp=0x1026b444b7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 24 gp=0x1026b4500d20 m=nil [chan send (nil chan)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b444bf20 sp=0x1026b444bf00 pc=0x48494a
runtime.chansend(0x0?, 0x0?, 0x0?, 0x0?)
	runtime/chan.go:181 +0x10c fp=0x1026b444bf90 sp=0x1026b444bf20 pc=0x41682c
runtime.chansend1(0x0?, 0x0?)
	runtime/chan.go:161 +0x17 fp=0x1026b444bfc0 sp=0x1026b444bf90 pc=0x416717
main.blockNilSend()
	example.com/scenarios/main.go:82 +0x1c fp=0x1026b444bfe0 sp=0x1026b444bfc0 pc=0x56ca7c
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b444bfe8 sp=0x1026b444bfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 25 gp=0x1026b4500f00 m=nil [chan receive (nil chan)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452e708 sp=0x1026b452e6e8 pc=0x48494a
runtime.chanrecv(0x0?, 0x0?, 0x0?)
	runtime/chan.go:536 +0x1d9 fp=0x1026b452e780 sp=0x1026b452e708 pc=0x417759
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452e7a8 sp=0x1026b452e780 pc=0x417572
main.blockNilRecv()
	example.com/scenarios/main.go:88 +0x25 fp=0x1026b452e7d0 sp=0x1026b452e7a8 pc=0x56cac5
main.main.func4()
	example.com/scenarios/main.go:217 +0xf fp=0x1026b452e7e0 sp=0x1026b452e7d0 pc=0x56f46f
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452e7e8 sp=0x1026b452e7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 26 gp=0x1026b45010e0 m=nil [sync.Mutex.Lock]:
runtime.gopark(0x727060?, 0x0?, 0xf0?, 0xe3?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452eec0 sp=0x1026b452eea0 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.semacquire1(0x1026b45060b4, 0x0, 0x3, 0x2, 0x16)
	runtime/sema.go:192 +0x232 fp=0x1026b452ef28 sp=0x1026b452eec0 pc=0x461692
internal/sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	runtime/sema.go:95 +0x25 fp=0x1026b452ef60 sp=0x1026b452ef28 pc=0x485d05
internal/sync.(*Mutex).lockSlow(0x1026b45060b0)
	internal/sync/mutex.go:149 +0x15a fp=0x1026b452efb0 sp=0x1026b452ef60 pc=0x48f7da
internal/sync.(*Mutex).Lock(...)
	internal/sync/mutex.go:70
sync.(*Mutex).Lock(...)
	sync/mutex.go:46
main.blockMutex(0x0?)
	example.com/scenarios/main.go:92 +0x2c fp=0x1026b452efc8 sp=0x1026b452efb0 pc=0x56cb0c
main.main.func5()
	example.com/scenarios/main.go:221 +0x17 fp=0x1026b452efe0 sp=0x1026b452efc8 pc=0x56f337
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452efe8 sp=0x1026b452efe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 27 gp=0x1026b45012c0 m=nil [sync.RWMutex.RLock]:
runtime.gopark(0x725ba0?, 0x0?, 0x60?, 0xe4?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452f700 sp=0x1026b452f6e0 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.semacquire1(0x1026b453200c, 0x0, 0x3, 0x0, 0x17)
	runtime/sema.go:192 +0x232 fp=0x1026b452f768 sp=0x1026b452f700 pc=0x461692
sync.runtime_SemacquireRWMutexR(0x0?, 0x0?, 0x0?)
	runtime/sema.go:100 +0x25 fp=0x1026b452f7a0 sp=0x1026b452f768 pc=0x485d65
sync.(*RWMutex).RLock(...)
	sync/rwmutex.go:74
main.blockRLock(0x0?)
	example.com/scenarios/main.go:95 +0x2b fp=0x1026b452f7c8 sp=0x1026b452f7a0 pc=0x56cb6b
main.main.func6()
	example.com/scenarios/main.go:226 +0x17 fp=0x1026b452f7e0 sp=0x1026b452f7c8 pc=0x56f2f7
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452f7e8 sp=0x1026b452f7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 28 gp=0x1026b45014a0 m=nil [sync.RWMutex.Lock]:
runtime.gopark(0x725c60?, 0x0?, 0x80?, 0xe3?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452fee0 sp=0x1026b452fec0 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.semacquire1(0x1026b4532020, 0x0, 0x3, 0x0, 0x18)
	runtime/sema.go:192 +0x232 fp=0x1026b452ff48 sp=0x1026b452fee0 pc=0x461692
sync.runtime_SemacquireRWMutex(0x0?, 0x0?, 0x0?)
	runtime/sema.go:105 +0x25 fp=0x1026b452ff80 sp=0x1026b452ff48 pc=0x485dc5
sync.(*RWMutex).Lock(0x0?)
	sync/rwmutex.go:155 +0x65 fp=0x1026b452ffb0 sp=0x1026b452ff80 pc=0x490ae5
main.blockWLock(0x0?)
	example.com/scenarios/main.go:98 +0x13 fp=0x1026b452ffc8 sp=0x1026b452ffb0 pc=0x56cbb3
main.main.func7()
	example.com/scenarios/main.go:227 +0x17 fp=0x1026b452ffe0 sp=0x1026b452ffc8 pc=0x56f2b7
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452ffe8 sp=0x1026b452ffe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 29 gp=0x1026b4501680 m=nil [sync.WaitGroup.Wait]:
runtime.gopark(0x727120?, 0x0?, 0xd0?, 0xe4?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45306e8 sp=0x1026b45306c8 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
runtime.semacquire1(0x1026b45060c8, 0x0, 0x1, 0x0, 0x19)
	runtime/sema.go:192 +0x232 fp=0x1026b4530750 sp=0x1026b45306e8 pc=0x461692
sync.runtime_SemacquireWaitGroup(0x0?, 0x0?)
	runtime/sema.go:114 +0x2e fp=0x1026b4530788 sp=0x1026b4530750 pc=0x485e2e
sync.(*WaitGroup).Wait(0x1026b45060c0)
	sync/waitgroup.go:206 +0x85 fp=0x1026b45307b0 sp=0x1026b4530788 pc=0x490ee5
main.blockWaitGroup(0x0?)
	example.com/scenarios/main.go:101 +0x13 fp=0x1026b45307c8 sp=0x1026b45307b0 pc=0x56cbf3
main.main.func8()
	example.com/scenarios/main.go:231 +0x17 fp=0x1026b45307e0 sp=0x1026b45307c8 pc=0x56f277
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45307e8 sp=0x1026b45307e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 30 gp=0x1026b4501860 m=nil [sync.Cond.Wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4530f28 sp=0x1026b4530f08 pc=0x48494a
runtime.goparkunlock(...)
	runtime/proc.go:480
sync.runtime_notifyListWait(0x1026b4502110, 0x0)
	runtime/sema.go:617 +0x1b3 fp=0x1026b4530f78 sp=0x1026b4530f28 pc=0x4860b3
sync.(*Cond).Wait(0x0?)
	sync/cond.go:71 +0x73 fp=0x1026b4530fb0 sp=0x1026b4530f78 pc=0x48fab3
main.blockCond(0x1026b4502100)
	example.com/scenarios/main.go:106 +0x2c fp=0x1026b4530fc8 sp=0x1026b4530fb0 pc=0x56cc4c
main.main.func9()
	example.com/scenarios/main.go:234 +0x17 fp=0x1026b4530fe0 sp=0x1026b4530fc8 pc=0x56f237
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4530fe8 sp=0x1026b4530fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 31 gp=0x1026b4501a40 m=nil [sleep]:
runtime.gopark(0x13f7dc5f43f?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4531770 sp=0x1026b4531750 pc=0x48494a
time.Sleep(0x34630b8a000)
	runtime/time.go:368 +0x165 fp=0x1026b45317c8 sp=0x1026b4531770 pc=0x487f05
main.blockSleep()
	example.com/scenarios/main.go:111 +0x1d fp=0x1026b45317e0 sp=0x1026b45317c8 pc=0x56cc9d
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45317e8 sp=0x1026b45317e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 32 gp=0x1026b4501c20 m=nil [IO wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4531d28 sp=0x1026b4531d08 pc=0x48494a
runtime.netpollblock(0x0?, 0x0?, 0x0?)
	runtime/netpoll.go:575 +0xf7 fp=0x1026b4531d60 sp=0x1026b4531d28 pc=0x447897
internal/poll.runtime_pollWait(0x7f3a21f10e00, 0x72)
	runtime/netpoll.go:351 +0x85 fp=0x1026b4531d80 sp=0x1026b4531d60 pc=0x483bc5
internal/poll.(*pollDesc).wait(0x1026b4520100?, 0x100?, 0x0)
	internal/poll/fd_poll_runtime.go:84 +0x27 fp=0x1026b4531db8 sp=0x1026b4531d80 pc=0x4c7047
internal/poll.(*pollDesc).waitRead(...)
	internal/poll/fd_poll_runtime.go:89
internal/poll.(*FD).Accept(0x1026b4520100)
	internal/poll/fd_unix.go:618 +0x27d fp=0x1026b4531e60 sp=0x1026b4531db8 pc=0x4c819d
net.(*netFD).accept(0x1026b4520100)
	net/fd_unix.go:149 +0x29 fp=0x1026b4531f18 sp=0x1026b4531e60 pc=0x54f789
net.(*TCPListener).accept(0x1026b4502140)
	net/tcpsock_posix.go:159 +0x1b fp=0x1026b4531f68 sp=0x1026b4531f18 pc=0x55c8db
net.(*TCPListener).Accept(0x1026b4502140)
	net/tcpsock.go:387 +0x30 fp=0x1026b4531fa8 sp=0x1026b4531f68 pc=0x55be50
main.blockAccept({0x70b1f0?, 0x1026b4502140?})
	example.com/scenarios/main.go:115 +0x22 fp=0x1026b4531fc0 sp=0x1026b4531fa8 pc=0x56cce2
main.main.func10()
	example.com/scenarios/main.go:243 +0x1b fp=0x1026b4531fe0 sp=0x1026b4531fc0 pc=0x56f1fb
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4531fe8 sp=0x1026b4531fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 33 gp=0x1026b4554000 m=nil [IO wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452a5d8 sp=0x1026b452a5b8 pc=0x48494a
runtime.netpollblock(0xffffffffffffffff?, 0xb452a658?, 0x26?)
	runtime/netpoll.go:575 +0xf7 fp=0x1026b452a610 sp=0x1026b452a5d8 pc=0x447897
internal/poll.runtime_pollWait(0x7f3a21f10800, 0x72)
	runtime/netpoll.go:351 +0x85 fp=0x1026b452a630 sp=0x1026b452a610 pc=0x483bc5
internal/poll.(*pollDesc).wait(0x1026b4520280?, 0x1026b44220a0?, 0x0)
	internal/poll/fd_poll_runtime.go:84 +0x27 fp=0x1026b452a668 sp=0x1026b452a630 pc=0x4c7047
internal/poll.(*pollDesc).waitRead(...)
	internal/poll/fd_poll_runtime.go:89
internal/poll.(*FD).Read(0x1026b4520280, {0x1026b44220a0, 0x10, 0x10})
	internal/poll/fd_unix.go:170 +0x2a8 fp=0x1026b452a700 sp=0x1026b452a668 pc=0x4c78e8
net.(*netFD).Read(0x1026b4520280, {0x1026b44220a0?, 0x0?, 0x7f3a68b3f4c0?})
	net/fd_posix.go:68 +0x25 fp=0x1026b452a748 sp=0x1026b452a700 pc=0x54ea85
net.(*conn).Read(0x1026b4508050, {0x1026b44220a0?, 0x0?, 0x0?})
	net/net.go:196 +0x45 fp=0x1026b452a790 sp=0x1026b452a748 pc=0x5567e5
main.blockConnRead({0x70b640, 0x1026b4508050})
	example.com/scenarios/main.go:124 +0x48 fp=0x1026b452a7c0 sp=0x1026b452a790 pc=0x56cd68
main.main.func11()
	example.com/scenarios/main.go:260 +0x1b fp=0x1026b452a7e0 sp=0x1026b452a7c0 pc=0x56f1bb
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452a7e8 sp=0x1026b452a7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 34 gp=0x1026b45541e0 m=0 mp=0x720f00 [syscall]:
syscall.Syscall(0x0, 0xb, 0x1026b452afa8, 0x10)
	syscall/syscall_linux.go:74 +0x25 fp=0x1026b452af48 sp=0x1026b452aee8 pc=0x496b05
syscall.read(0x0?, {0x1026b452afa8?, 0x0?, 0x0?})
	syscall/zsyscall_linux_amd64.go:736 +0x38 fp=0x1026b452af88 sp=0x1026b452af48 pc=0x495678
syscall.Read(...)
	syscall/syscall_unix.go:183
main.blockSyscall(0x0?)
	example.com/scenarios/main.go:132 +0x25 fp=0x1026b452afc8 sp=0x1026b452af88 pc=0x56cdc5
main.main.func12()
	example.com/scenarios/main.go:267 +0x1a fp=0x1026b452afe0 sp=0x1026b452afc8 pc=0x56f17a
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452afe8 sp=0x1026b452afe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 35 gp=0x1026b45543c0 m=nil [chan receive, locked to thread]:
runtime.gopark(0x0?, 0x0?, 0x48?, 0xb7?, 0x452dbc?)
	runtime/proc.go:474 +0xca fp=0x1026b452b708 sp=0x1026b452b6e8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b452b780 sp=0x1026b452b708 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452b7a8 sp=0x1026b452b780 pc=0x417572
main.blockLockedThread(0x1026b45040e0)
	example.com/scenarios/main.go:138 +0x25 fp=0x1026b452b7c8 sp=0x1026b452b7a8 pc=0x56ce05
main.main.func13()
	example.com/scenarios/main.go:269 +0x1a fp=0x1026b452b7e0 sp=0x1026b452b7c8 pc=0x56f49a
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452b7e8 sp=0x1026b452b7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 36 gp=0x1026b45545a0 m=nil [chan receive]:
runtime.gopark(0x41edf9?, 0x7f3a68b36108?, 0x13?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452bef0 sp=0x1026b452bed0 pc=0x48494a
runtime.chanrecv(0x1026b4482000, 0x1026b452bfa0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b452bf68 sp=0x1026b452bef0 pc=0x417a2e
runtime.chanrecv1(0x1?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452bf90 sp=0x1026b452bf68 pc=0x417572
main.GenericWait[...](0x0?)
	example.com/scenarios/main.go:144 +0x25 fp=0x1026b452bfc0 sp=0x1026b452bf90 pc=0x56f7e5
main.main.func14()
	example.com/scenarios/main.go:271 +0x2b fp=0x1026b452bfe0 sp=0x1026b452bfc0 pc=0x56f4eb
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452bfe8 sp=0x1026b452bfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 37 gp=0x1026b4554780 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452c6f8 sp=0x1026b452c6d8 pc=0x48494a
runtime.chanrecv(0x1026b45042a0, 0x1026b452c7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b452c770 sp=0x1026b452c6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452c798 sp=0x1026b452c770 pc=0x417572
main.(*Box[...]).Wait(0x0?)
	example.com/scenarios/main.go:152 +0x25 fp=0x1026b452c7c0 sp=0x1026b452c798 pc=0x56f785
main.main.func15()
	example.com/scenarios/main.go:273 +0x1e fp=0x1026b452c7e0 sp=0x1026b452c7c0 pc=0x56f13e
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452c7e8 sp=0x1026b452c7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 38 gp=0x1026b4554960 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452cf20 sp=0x1026b452cf00 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b452cf98 sp=0x1026b452cf20 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452cfc0 sp=0x1026b452cf98 pc=0x417572
main.main.func16()
	example.com/scenarios/main.go:276 +0x1c fp=0x1026b452cfe0 sp=0x1026b452cfc0 pc=0x56f51c
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452cfe8 sp=0x1026b452cfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 39 gp=0x1026b4554b40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b452d710 sp=0x1026b452d6f0 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b452d788 sp=0x1026b452d710 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b452d7b0 sp=0x1026b452d788 pc=0x417572
main.main.func17.1.1()
	example.com/scenarios/main.go:280 +0x1c fp=0x1026b452d7d0 sp=0x1026b452d7b0 pc=0x56f59c
main.main.func17.1(...)
	example.com/scenarios/main.go:281
main.main.func17()
	example.com/scenarios/main.go:283 +0x1b fp=0x1026b452d7e0 sp=0x1026b452d7d0 pc=0x56f55b
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b452d7e8 sp=0x1026b452d7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 40 gp=0x1026b4554d20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4591fe0 sp=0x1026b4591fc0 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4592090, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4592058 sp=0x1026b4591fe0 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4592080 sp=0x1026b4592058 pc=0x417572
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:157 +0x2a fp=0x1026b45920a8 sp=0x1026b4592080 pc=0x56ce4a
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45920d0 sp=0x1026b45920a8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45920f8 sp=0x1026b45920d0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592120 sp=0x1026b45920f8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592148 sp=0x1026b4592120 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592170 sp=0x1026b4592148 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592198 sp=0x1026b4592170 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45921c0 sp=0x1026b4592198 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45921e8 sp=0x1026b45921c0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592210 sp=0x1026b45921e8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592238 sp=0x1026b4592210 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592260 sp=0x1026b4592238 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592288 sp=0x1026b4592260 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45922b0 sp=0x1026b4592288 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45922d8 sp=0x1026b45922b0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592300 sp=0x1026b45922d8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592328 sp=0x1026b4592300 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592350 sp=0x1026b4592328 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592378 sp=0x1026b4592350 pc=0x56ce5d
main.recurse(0x14?, 0x1026b45040e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45923a0 sp=0x1026b4592378 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45923c8 sp=0x1026b45923a0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45923f0 sp=0x1026b45923c8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592418 sp=0x1026b45923f0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592440 sp=0x1026b4592418 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592468 sp=0x1026b4592440 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592490 sp=0x1026b4592468 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45924b8 sp=0x1026b4592490 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45924e0 sp=0x1026b45924b8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592508 sp=0x1026b45924e0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592530 sp=0x1026b4592508 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592558 sp=0x1026b4592530 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592580 sp=0x1026b4592558 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45925a8 sp=0x1026b4592580 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45925d0 sp=0x1026b45925a8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45925f8 sp=0x1026b45925d0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592620 sp=0x1026b45925f8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592648 sp=0x1026b4592620 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592670 sp=0x1026b4592648 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592698 sp=0x1026b4592670 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45926c0 sp=0x1026b4592698 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45926e8 sp=0x1026b45926c0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592710 sp=0x1026b45926e8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592738 sp=0x1026b4592710 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592760 sp=0x1026b4592738 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4592788 sp=0x1026b4592760 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45927b0 sp=0x1026b4592788 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45927d8 sp=0x1026b45927b0 pc=0x56ce5d
...105 frames elided...
main.recurse(0x4210f8?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593868 sp=0x1026b4593840 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593890 sp=0x1026b4593868 pc=0x56ce5d
main.recurse(0x1026b4512750?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45938b8 sp=0x1026b4593890 pc=0x56ce5d
main.recurse(0x1026b4512750?, 0x4893d2?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45938e0 sp=0x1026b45938b8 pc=0x56ce5d
main.recurse(0x1026b454a000?, 0x70b2e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593908 sp=0x1026b45938e0 pc=0x56ce5d
main.recurse(0x1c?, 0x1026b4474968?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593930 sp=0x1026b4593908 pc=0x56ce5d
main.recurse(0x1?, 0x7f3a21f00d28?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593958 sp=0x1026b4593930 pc=0x56ce5d
main.recurse(0x1026b4512720?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593980 sp=0x1026b4593958 pc=0x56ce5d
main.recurse(0x1026b4520180?, 0x1026b4506110?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45939a8 sp=0x1026b4593980 pc=0x56ce5d
main.recurse(0x1000?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45939d0 sp=0x1026b45939a8 pc=0x56ce5d
main.recurse(0x0?, 0x1026b4474a40?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45939f8 sp=0x1026b45939d0 pc=0x56ce5d
main.recurse(0x1026b4474a58?, 0x41ea17?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593a20 sp=0x1026b45939f8 pc=0x56ce5d
main.recurse(0x42ba74?, 0x7f3a21f01728?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593a48 sp=0x1026b4593a20 pc=0x56ce5d
main.recurse(0x1026b4474aa0?, 0x4826cf?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593a70 sp=0x1026b4593a48 pc=0x56ce5d
main.recurse(0x7f3a68b36a00?, 0x1026b4474b10?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593a98 sp=0x1026b4593a70 pc=0x56ce5d
main.recurse(0x482785?, 0xb8?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ac0 sp=0x1026b4593a98 pc=0x56ce5d
main.recurse(0x0?, 0x41fa85?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ae8 sp=0x1026b4593ac0 pc=0x56ce5d
main.recurse(0x1026b4474c40?, 0x546630?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593b10 sp=0x1026b4593ae8 pc=0x56ce5d
main.recurse(0x1026b45141c0?, 0x6ecba8?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593b38 sp=0x1026b4593b10 pc=0x56ce5d
main.recurse(0x55672c?, 0x1026b4506110?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593b60 sp=0x1026b4593b38 pc=0x56ce5d
main.recurse(0xad?, 0x1026b45040e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593b88 sp=0x1026b4593b60 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593bb0 sp=0x1026b4593b88 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593bd8 sp=0x1026b4593bb0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593c00 sp=0x1026b4593bd8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593c28 sp=0x1026b4593c00 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593c50 sp=0x1026b4593c28 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593c78 sp=0x1026b4593c50 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ca0 sp=0x1026b4593c78 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593cc8 sp=0x1026b4593ca0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593cf0 sp=0x1026b4593cc8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593d18 sp=0x1026b4593cf0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593d40 sp=0x1026b4593d18 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593d68 sp=0x1026b4593d40 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593d90 sp=0x1026b4593d68 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593db8 sp=0x1026b4593d90 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593de0 sp=0x1026b4593db8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593e08 sp=0x1026b4593de0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593e30 sp=0x1026b4593e08 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593e58 sp=0x1026b4593e30 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593e80 sp=0x1026b4593e58 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ea8 sp=0x1026b4593e80 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ed0 sp=0x1026b4593ea8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593ef8 sp=0x1026b4593ed0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593f20 sp=0x1026b4593ef8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593f48 sp=0x1026b4593f20 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593f70 sp=0x1026b4593f48 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593f98 sp=0x1026b4593f70 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4593fc0 sp=0x1026b4593f98 pc=0x56ce5d
main.main.func18()
	example.com/scenarios/main.go:286 +0x1f fp=0x1026b4593fe0 sp=0x1026b4593fc0 pc=0x56f5df
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4593fe8 sp=0x1026b4593fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 41 gp=0x1026b4554f00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4550c60 sp=0x1026b4550c40 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4550d10, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4550cd8 sp=0x1026b4550c60 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4550d00 sp=0x1026b4550cd8 pc=0x417572
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:157 +0x2a fp=0x1026b4550d28 sp=0x1026b4550d00 pc=0x56ce4a
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550d50 sp=0x1026b4550d28 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550d78 sp=0x1026b4550d50 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550da0 sp=0x1026b4550d78 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550dc8 sp=0x1026b4550da0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550df0 sp=0x1026b4550dc8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550e18 sp=0x1026b4550df0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550e40 sp=0x1026b4550e18 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550e68 sp=0x1026b4550e40 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550e90 sp=0x1026b4550e68 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550eb8 sp=0x1026b4550e90 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550ee0 sp=0x1026b4550eb8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550f08 sp=0x1026b4550ee0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550f30 sp=0x1026b4550f08 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550f58 sp=0x1026b4550f30 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550f80 sp=0x1026b4550f58 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550fa8 sp=0x1026b4550f80 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550fd0 sp=0x1026b4550fa8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4550ff8 sp=0x1026b4550fd0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551020 sp=0x1026b4550ff8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551048 sp=0x1026b4551020 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551070 sp=0x1026b4551048 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551098 sp=0x1026b4551070 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45510c0 sp=0x1026b4551098 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45510e8 sp=0x1026b45510c0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551110 sp=0x1026b45510e8 pc=0x56ce5d
main.recurse(0x1026b45511a8?, 0x45704d?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551138 sp=0x1026b4551110 pc=0x56ce5d
main.recurse(0x496acd?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551160 sp=0x1026b4551138 pc=0x56ce5d
main.recurse(0x0?, 0x496acd?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551188 sp=0x1026b4551160 pc=0x56ce5d
main.recurse(0x484b1f?, 0x496b99?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45511b0 sp=0x1026b4551188 pc=0x56ce5d
main.recurse(0x7f3a68b36a00?, 0x1026b45380c0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45511d8 sp=0x1026b45511b0 pc=0x56ce5d
main.recurse(0x1026b4551268?, 0x1026b44141e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551200 sp=0x1026b45511d8 pc=0x56ce5d
main.recurse(0x1026b45512c8?, 0x1026b44141e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551228 sp=0x1026b4551200 pc=0x56ce5d
main.recurse(0x1026b4551268?, 0x100007f?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551250 sp=0x1026b4551228 pc=0x56ce5d
main.recurse(0x0?, 0x44a48a?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551278 sp=0x1026b4551250 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45512a0 sp=0x1026b4551278 pc=0x56ce5d
main.recurse(0x1026b4551438?, 0x496acd?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45512c8 sp=0x1026b45512a0 pc=0x56ce5d
main.recurse(0x561565?, 0xa4d7?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45512f0 sp=0x1026b45512c8 pc=0x56ce5d
main.recurse(0x496ab5?, 0x70ab20?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551318 sp=0x1026b45512f0 pc=0x56ce5d
main.recurse(0x7f3a21f00e68?, 0x7f3a68b36a00?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551340 sp=0x1026b4551318 pc=0x56ce5d
main.recurse(0x1026b45513f0?, 0x100007f?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551368 sp=0x1026b4551340 pc=0x56ce5d
main.recurse(0x2a?, 0x1026b45040e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551390 sp=0x1026b4551368 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45513b8 sp=0x1026b4551390 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45513e0 sp=0x1026b45513b8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551408 sp=0x1026b45513e0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551430 sp=0x1026b4551408 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551458 sp=0x1026b4551430 pc=0x56ce5d
...25 frames elided...
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551868 sp=0x1026b4551840 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551890 sp=0x1026b4551868 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45518b8 sp=0x1026b4551890 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45518e0 sp=0x1026b45518b8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551908 sp=0x1026b45518e0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551930 sp=0x1026b4551908 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551958 sp=0x1026b4551930 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551980 sp=0x1026b4551958 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45519a8 sp=0x1026b4551980 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45519d0 sp=0x1026b45519a8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b45519f8 sp=0x1026b45519d0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551a20 sp=0x1026b45519f8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551a48 sp=0x1026b4551a20 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551a70 sp=0x1026b4551a48 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551a98 sp=0x1026b4551a70 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ac0 sp=0x1026b4551a98 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ae8 sp=0x1026b4551ac0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551b10 sp=0x1026b4551ae8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551b38 sp=0x1026b4551b10 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551b60 sp=0x1026b4551b38 pc=0x56ce5d
main.recurse(0x5d?, 0x1026b45040e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551b88 sp=0x1026b4551b60 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551bb0 sp=0x1026b4551b88 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551bd8 sp=0x1026b4551bb0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551c00 sp=0x1026b4551bd8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551c28 sp=0x1026b4551c00 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551c50 sp=0x1026b4551c28 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551c78 sp=0x1026b4551c50 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ca0 sp=0x1026b4551c78 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551cc8 sp=0x1026b4551ca0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551cf0 sp=0x1026b4551cc8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551d18 sp=0x1026b4551cf0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551d40 sp=0x1026b4551d18 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551d68 sp=0x1026b4551d40 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551d90 sp=0x1026b4551d68 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551db8 sp=0x1026b4551d90 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551de0 sp=0x1026b4551db8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551e08 sp=0x1026b4551de0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551e30 sp=0x1026b4551e08 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551e58 sp=0x1026b4551e30 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551e80 sp=0x1026b4551e58 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ea8 sp=0x1026b4551e80 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ed0 sp=0x1026b4551ea8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551ef8 sp=0x1026b4551ed0 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551f20 sp=0x1026b4551ef8 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551f48 sp=0x1026b4551f20 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551f70 sp=0x1026b4551f48 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551f98 sp=0x1026b4551f70 pc=0x56ce5d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0x1026b4551fc0 sp=0x1026b4551f98 pc=0x56ce5d
main.main.func19()
	example.com/scenarios/main.go:287 +0x1f fp=0x1026b4551fe0 sp=0x1026b4551fc0 pc=0x56f61f
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4551fe8 sp=0x1026b4551fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 42 gp=0x1026b45550e0 m=nil [chan receive] {scenario: labels, worker: 7}:
runtime.gopark(0x1026b4504148?, 0x0?, 0x88?, 0xae?, 0x4208ae?)
	runtime/proc.go:474 +0xca fp=0x1026b455ae08 sp=0x1026b455ade8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455ae80 sp=0x1026b455ae08 pc=0x417a2e
runtime.chanrecv1(0x4851e7?, 0x1026b45550e0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455aea8 sp=0x1026b455ae80 pc=0x417572
main.blockLabeled({0x1026b44a0000?, 0x6eb4c0?}, 0x73fc80?)
	example.com/scenarios/main.go:166 +0x18 fp=0x1026b455aec8 sp=0x1026b455aea8 pc=0x56cf18
main.main.func20.1({0x70b318?, 0x1026b44a0000?})
	example.com/scenarios/main.go:291 +0x25 fp=0x1026b455aef0 sp=0x1026b455aec8 pc=0x56f725
runtime/pprof.Do({0x70b2e0?, 0x73fc80?}, {{0x1026b449e000?, 0x0?, 0x0?}}, 0x70ba08)
	runtime/pprof/runtime.go:57 +0x8c fp=0x1026b455af60 sp=0x1026b455aef0 pc=0x56b38c
main.main.func20()
	example.com/scenarios/main.go:290 +0x9a fp=0x1026b455afe0 sp=0x1026b455af60 pc=0x56f6da
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455afe8 sp=0x1026b455afe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 43 gp=0x1026b45552c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455b6f8 sp=0x1026b455b6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455b7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455b770 sp=0x1026b455b6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455b798 sp=0x1026b455b770 pc=0x417572
main.groupWait(0x0?, 0x0)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455b7c0 sp=0x1026b455b798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455b7e0 sp=0x1026b455b7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455b7e8 sp=0x1026b455b7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 44 gp=0x1026b45554a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455bef8 sp=0x1026b455bed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455bfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455bf70 sp=0x1026b455bef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455bf98 sp=0x1026b455bf70 pc=0x417572
main.groupWait(0x0?, 0x1)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455bfc0 sp=0x1026b455bf98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455bfe0 sp=0x1026b455bfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455bfe8 sp=0x1026b455bfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 45 gp=0x1026b4555680 m=nil [chan receive]:
runtime.gopark(0x1026b4504148?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455c6f8 sp=0x1026b455c6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455c7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455c770 sp=0x1026b455c6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455c798 sp=0x1026b455c770 pc=0x417572
main.groupWait(0x0?, 0x2)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455c7c0 sp=0x1026b455c798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455c7e0 sp=0x1026b455c7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455c7e8 sp=0x1026b455c7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 46 gp=0x1026b4555860 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455cef8 sp=0x1026b455ced8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455cfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455cf70 sp=0x1026b455cef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455cf98 sp=0x1026b455cf70 pc=0x417572
main.groupWait(0x0?, 0x3)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455cfc0 sp=0x1026b455cf98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455cfe0 sp=0x1026b455cfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455cfe8 sp=0x1026b455cfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 47 gp=0x1026b4555a40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455d6f8 sp=0x1026b455d6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455d7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455d770 sp=0x1026b455d6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455d798 sp=0x1026b455d770 pc=0x417572
main.groupWait(0x0?, 0x4)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455d7c0 sp=0x1026b455d798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455d7e0 sp=0x1026b455d7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455d7e8 sp=0x1026b455d7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 48 gp=0x1026b4555c20 m=nil [chan receive]:
runtime.gopark(0x1026b4504148?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b455def8 sp=0x1026b455ded8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b455dfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b455df70 sp=0x1026b455def8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b455df98 sp=0x1026b455df70 pc=0x417572
main.groupWait(0x0?, 0x5)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b455dfc0 sp=0x1026b455df98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b455dfe0 sp=0x1026b455dfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b455dfe8 sp=0x1026b455dfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 49 gp=0x1026b4560000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45566f8 sp=0x1026b45566d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45567a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4556770 sp=0x1026b45566f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4556798 sp=0x1026b4556770 pc=0x417572
main.groupWait(0x0?, 0x6)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45567c0 sp=0x1026b4556798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45567e0 sp=0x1026b45567c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45567e8 sp=0x1026b45567e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 50 gp=0x1026b45601e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4556ef8 sp=0x1026b4556ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4556fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4556f70 sp=0x1026b4556ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4556f98 sp=0x1026b4556f70 pc=0x417572
main.groupWait(0x0?, 0x7)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4556fc0 sp=0x1026b4556f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4556fe0 sp=0x1026b4556fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4556fe8 sp=0x1026b4556fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 51 gp=0x1026b45603c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45576f8 sp=0x1026b45576d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45577a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4557770 sp=0x1026b45576f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4557798 sp=0x1026b4557770 pc=0x417572
main.groupWait(0x0?, 0x8)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45577c0 sp=0x1026b4557798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45577e0 sp=0x1026b45577c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45577e8 sp=0x1026b45577e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 52 gp=0x1026b45605a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4557ef8 sp=0x1026b4557ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4557fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4557f70 sp=0x1026b4557ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4557f98 sp=0x1026b4557f70 pc=0x417572
main.groupWait(0x0?, 0x9)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4557fc0 sp=0x1026b4557f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4557fe0 sp=0x1026b4557fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4557fe8 sp=0x1026b4557fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 53 gp=0x1026b4560780 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45586f8 sp=0x1026b45586d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45587a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4558770 sp=0x1026b45586f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4558798 sp=0x1026b4558770 pc=0x417572
main.groupWait(0x0?, 0xa)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45587c0 sp=0x1026b4558798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45587e0 sp=0x1026b45587c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45587e8 sp=0x1026b45587e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 54 gp=0x1026b4560960 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4558ef8 sp=0x1026b4558ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4558fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4558f70 sp=0x1026b4558ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4558f98 sp=0x1026b4558f70 pc=0x417572
main.groupWait(0x0?, 0xb)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4558fc0 sp=0x1026b4558f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4558fe0 sp=0x1026b4558fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4558fe8 sp=0x1026b4558fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 55 gp=0x1026b4560b40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45596f8 sp=0x1026b45596d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45597a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4559770 sp=0x1026b45596f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4559798 sp=0x1026b4559770 pc=0x417572
main.groupWait(0x0?, 0xc)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45597c0 sp=0x1026b4559798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45597e0 sp=0x1026b45597c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45597e8 sp=0x1026b45597e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 56 gp=0x1026b4560d20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4559ef8 sp=0x1026b4559ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4559fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4559f70 sp=0x1026b4559ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4559f98 sp=0x1026b4559f70 pc=0x417572
main.groupWait(0x0?, 0xd)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4559fc0 sp=0x1026b4559f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4559fe0 sp=0x1026b4559fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4559fe8 sp=0x1026b4559fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 57 gp=0x1026b4560f00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45666f8 sp=0x1026b45666d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45667a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4566770 sp=0x1026b45666f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4566798 sp=0x1026b4566770 pc=0x417572
main.groupWait(0x0?, 0xe)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45667c0 sp=0x1026b4566798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45667e0 sp=0x1026b45667c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45667e8 sp=0x1026b45667e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 58 gp=0x1026b45610e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4566ef8 sp=0x1026b4566ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4566fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4566f70 sp=0x1026b4566ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4566f98 sp=0x1026b4566f70 pc=0x417572
main.groupWait(0x0?, 0xf)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4566fc0 sp=0x1026b4566f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4566fe0 sp=0x1026b4566fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4566fe8 sp=0x1026b4566fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 59 gp=0x1026b45612c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45676f8 sp=0x1026b45676d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45677a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4567770 sp=0x1026b45676f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4567798 sp=0x1026b4567770 pc=0x417572
main.groupWait(0x0?, 0x10)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45677c0 sp=0x1026b4567798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45677e0 sp=0x1026b45677c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45677e8 sp=0x1026b45677e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 60 gp=0x1026b45614a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4567ef8 sp=0x1026b4567ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4567fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4567f70 sp=0x1026b4567ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4567f98 sp=0x1026b4567f70 pc=0x417572
main.groupWait(0x0?, 0x11)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4567fc0 sp=0x1026b4567f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4567fe0 sp=0x1026b4567fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4567fe8 sp=0x1026b4567fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 61 gp=0x1026b4561680 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45686f8 sp=0x1026b45686d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45687a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4568770 sp=0x1026b45686f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4568798 sp=0x1026b4568770 pc=0x417572
main.groupWait(0x0?, 0x12)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45687c0 sp=0x1026b4568798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45687e0 sp=0x1026b45687c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45687e8 sp=0x1026b45687e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 62 gp=0x1026b4561860 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4568ef8 sp=0x1026b4568ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4568fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4568f70 sp=0x1026b4568ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4568f98 sp=0x1026b4568f70 pc=0x417572
main.groupWait(0x0?, 0x13)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4568fc0 sp=0x1026b4568f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4568fe0 sp=0x1026b4568fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4568fe8 sp=0x1026b4568fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 63 gp=0x1026b4561a40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45696f8 sp=0x1026b45696d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45697a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4569770 sp=0x1026b45696f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4569798 sp=0x1026b4569770 pc=0x417572
main.groupWait(0x0?, 0x14)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45697c0 sp=0x1026b4569798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45697e0 sp=0x1026b45697c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45697e8 sp=0x1026b45697e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 64 gp=0x1026b4561c20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4569ef8 sp=0x1026b4569ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4569fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4569f70 sp=0x1026b4569ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4569f98 sp=0x1026b4569f70 pc=0x417572
main.groupWait(0x0?, 0x15)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4569fc0 sp=0x1026b4569f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4569fe0 sp=0x1026b4569fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4569fe8 sp=0x1026b4569fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 65 gp=0x1026b456a000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45626f8 sp=0x1026b45626d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45627a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4562770 sp=0x1026b45626f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4562798 sp=0x1026b4562770 pc=0x417572
main.groupWait(0x0?, 0x16)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45627c0 sp=0x1026b4562798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45627e0 sp=0x1026b45627c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45627e8 sp=0x1026b45627e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 66 gp=0x1026b456a1e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4562ef8 sp=0x1026b4562ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4562fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4562f70 sp=0x1026b4562ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4562f98 sp=0x1026b4562f70 pc=0x417572
main.groupWait(0x0?, 0x17)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4562fc0 sp=0x1026b4562f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4562fe0 sp=0x1026b4562fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4562fe8 sp=0x1026b4562fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 67 gp=0x1026b456a3c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45636f8 sp=0x1026b45636d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45637a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4563770 sp=0x1026b45636f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4563798 sp=0x1026b4563770 pc=0x417572
main.groupWait(0x0?, 0x18)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45637c0 sp=0x1026b4563798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45637e0 sp=0x1026b45637c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45637e8 sp=0x1026b45637e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 68 gp=0x1026b456a5a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4563ef8 sp=0x1026b4563ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4563fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4563f70 sp=0x1026b4563ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4563f98 sp=0x1026b4563f70 pc=0x417572
main.groupWait(0x0?, 0x19)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4563fc0 sp=0x1026b4563f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4563fe0 sp=0x1026b4563fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4563fe8 sp=0x1026b4563fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 69 gp=0x1026b456a780 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45646f8 sp=0x1026b45646d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45647a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4564770 sp=0x1026b45646f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4564798 sp=0x1026b4564770 pc=0x417572
main.groupWait(0x0?, 0x1a)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45647c0 sp=0x1026b4564798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45647e0 sp=0x1026b45647c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45647e8 sp=0x1026b45647e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 70 gp=0x1026b456a960 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4564ef8 sp=0x1026b4564ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4564fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4564f70 sp=0x1026b4564ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4564f98 sp=0x1026b4564f70 pc=0x417572
main.groupWait(0x0?, 0x1b)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4564fc0 sp=0x1026b4564f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4564fe0 sp=0x1026b4564fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4564fe8 sp=0x1026b4564fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 71 gp=0x1026b456ab40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45656f8 sp=0x1026b45656d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45657a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4565770 sp=0x1026b45656f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4565798 sp=0x1026b4565770 pc=0x417572
main.groupWait(0x0?, 0x1c)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45657c0 sp=0x1026b4565798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45657e0 sp=0x1026b45657c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45657e8 sp=0x1026b45657e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 72 gp=0x1026b456ad20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4565ef8 sp=0x1026b4565ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4565fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4565f70 sp=0x1026b4565ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4565f98 sp=0x1026b4565f70 pc=0x417572
main.groupWait(0x0?, 0x1d)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4565fc0 sp=0x1026b4565f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4565fe0 sp=0x1026b4565fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4565fe8 sp=0x1026b4565fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 73 gp=0x1026b456af00 m=nil [chan receive]:
runtime.gopark(0x1026b4504148?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45706f8 sp=0x1026b45706d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45707a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4570770 sp=0x1026b45706f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4570798 sp=0x1026b4570770 pc=0x417572
main.groupWait(0x0?, 0x1e)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45707c0 sp=0x1026b4570798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45707e0 sp=0x1026b45707c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45707e8 sp=0x1026b45707e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 74 gp=0x1026b456b0e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4570ef8 sp=0x1026b4570ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4570fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4570f70 sp=0x1026b4570ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4570f98 sp=0x1026b4570f70 pc=0x417572
main.groupWait(0x0?, 0x1f)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4570fc0 sp=0x1026b4570f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4570fe0 sp=0x1026b4570fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4570fe8 sp=0x1026b4570fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 75 gp=0x1026b456b2c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45716f8 sp=0x1026b45716d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45717a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4571770 sp=0x1026b45716f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4571798 sp=0x1026b4571770 pc=0x417572
main.groupWait(0x0?, 0x20)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45717c0 sp=0x1026b4571798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45717e0 sp=0x1026b45717c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45717e8 sp=0x1026b45717e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 76 gp=0x1026b456b4a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4571ef8 sp=0x1026b4571ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4571fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4571f70 sp=0x1026b4571ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4571f98 sp=0x1026b4571f70 pc=0x417572
main.groupWait(0x0?, 0x21)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4571fc0 sp=0x1026b4571f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4571fe0 sp=0x1026b4571fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4571fe8 sp=0x1026b4571fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 77 gp=0x1026b456b680 m=nil [chan receive]:
runtime.gopark(0x1026b4504148?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45726f8 sp=0x1026b45726d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45727a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4572770 sp=0x1026b45726f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4572798 sp=0x1026b4572770 pc=0x417572
main.groupWait(0x0?, 0x22)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45727c0 sp=0x1026b4572798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45727e0 sp=0x1026b45727c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45727e8 sp=0x1026b45727e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 78 gp=0x1026b456b860 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4572ef8 sp=0x1026b4572ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4572fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4572f70 sp=0x1026b4572ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4572f98 sp=0x1026b4572f70 pc=0x417572
main.groupWait(0x0?, 0x23)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4572fc0 sp=0x1026b4572f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4572fe0 sp=0x1026b4572fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4572fe8 sp=0x1026b4572fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 79 gp=0x1026b456ba40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b45736f8 sp=0x1026b45736d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b45737a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4573770 sp=0x1026b45736f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4573798 sp=0x1026b4573770 pc=0x417572
main.groupWait(0x0?, 0x24)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b45737c0 sp=0x1026b4573798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b45737e0 sp=0x1026b45737c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b45737e8 sp=0x1026b45737e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 80 gp=0x1026b456bc20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4573ef8 sp=0x1026b4573ed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b4573fa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b4573f70 sp=0x1026b4573ef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b4573f98 sp=0x1026b4573f70 pc=0x417572
main.groupWait(0x0?, 0x25)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b4573fc0 sp=0x1026b4573f98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b4573fe0 sp=0x1026b4573fc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4573fe8 sp=0x1026b4573fe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 81 gp=0x1026b4576000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456c6f8 sp=0x1026b456c6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456c7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456c770 sp=0x1026b456c6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456c798 sp=0x1026b456c770 pc=0x417572
main.groupWait(0x0?, 0x26)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456c7c0 sp=0x1026b456c798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456c7e0 sp=0x1026b456c7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456c7e8 sp=0x1026b456c7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 82 gp=0x1026b45761e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456cef8 sp=0x1026b456ced8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456cfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456cf70 sp=0x1026b456cef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456cf98 sp=0x1026b456cf70 pc=0x417572
main.groupWait(0x0?, 0x27)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456cfc0 sp=0x1026b456cf98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456cfe0 sp=0x1026b456cfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456cfe8 sp=0x1026b456cfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 83 gp=0x1026b45763c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456d6f8 sp=0x1026b456d6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456d7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456d770 sp=0x1026b456d6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456d798 sp=0x1026b456d770 pc=0x417572
main.groupWait(0x0?, 0x28)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456d7c0 sp=0x1026b456d798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456d7e0 sp=0x1026b456d7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456d7e8 sp=0x1026b456d7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 84 gp=0x1026b45765a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456def8 sp=0x1026b456ded8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456dfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456df70 sp=0x1026b456def8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456df98 sp=0x1026b456df70 pc=0x417572
main.groupWait(0x0?, 0x29)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456dfc0 sp=0x1026b456df98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456dfe0 sp=0x1026b456dfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456dfe8 sp=0x1026b456dfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 85 gp=0x1026b4576780 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456e6f8 sp=0x1026b456e6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456e7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456e770 sp=0x1026b456e6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456e798 sp=0x1026b456e770 pc=0x417572
main.groupWait(0x0?, 0x2a)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456e7c0 sp=0x1026b456e798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456e7e0 sp=0x1026b456e7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456e7e8 sp=0x1026b456e7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 86 gp=0x1026b4576960 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456eef8 sp=0x1026b456eed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456efa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456ef70 sp=0x1026b456eef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456ef98 sp=0x1026b456ef70 pc=0x417572
main.groupWait(0x0?, 0x2b)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456efc0 sp=0x1026b456ef98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456efe0 sp=0x1026b456efc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456efe8 sp=0x1026b456efe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 87 gp=0x1026b4576b40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456f6f8 sp=0x1026b456f6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456f7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456f770 sp=0x1026b456f6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456f798 sp=0x1026b456f770 pc=0x417572
main.groupWait(0x0?, 0x2c)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456f7c0 sp=0x1026b456f798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456f7e0 sp=0x1026b456f7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456f7e8 sp=0x1026b456f7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 88 gp=0x1026b4576d20 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b456fef8 sp=0x1026b456fed8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b456ffa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b456ff70 sp=0x1026b456fef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b456ff98 sp=0x1026b456ff70 pc=0x417572
main.groupWait(0x0?, 0x2d)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b456ffc0 sp=0x1026b456ff98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b456ffe0 sp=0x1026b456ffc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b456ffe8 sp=0x1026b456ffe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 89 gp=0x1026b4576f00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457c6f8 sp=0x1026b457c6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b457c7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457c770 sp=0x1026b457c6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b457c798 sp=0x1026b457c770 pc=0x417572
main.groupWait(0x0?, 0x2e)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b457c7c0 sp=0x1026b457c798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b457c7e0 sp=0x1026b457c7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457c7e8 sp=0x1026b457c7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 90 gp=0x1026b45770e0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457cef8 sp=0x1026b457ced8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b457cfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457cf70 sp=0x1026b457cef8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b457cf98 sp=0x1026b457cf70 pc=0x417572
main.groupWait(0x0?, 0x2f)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b457cfc0 sp=0x1026b457cf98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b457cfe0 sp=0x1026b457cfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457cfe8 sp=0x1026b457cfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 91 gp=0x1026b45772c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457d6f8 sp=0x1026b457d6d8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b457d7a8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457d770 sp=0x1026b457d6f8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b457d798 sp=0x1026b457d770 pc=0x417572
main.groupWait(0x0?, 0x30)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b457d7c0 sp=0x1026b457d798 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b457d7e0 sp=0x1026b457d7c0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457d7e8 sp=0x1026b457d7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 92 gp=0x1026b45774a0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457def8 sp=0x1026b457ded8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x1026b457dfa8, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457df70 sp=0x1026b457def8 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b457df98 sp=0x1026b457df70 pc=0x417572
main.groupWait(0x0?, 0x31)
	example.com/scenarios/main.go:163 +0x26 fp=0x1026b457dfc0 sp=0x1026b457df98 pc=0x56cec6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0x1026b457dfe0 sp=0x1026b457dfc0 pc=0x56f0fe
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457dfe8 sp=0x1026b457dfe0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 93 gp=0x1026b4577680 m=nil [chan receive]:
runtime.gopark(0x0?, 0x1026b446e000?, 0x0?, 0x0?, 0x1026b457e740?)
	runtime/proc.go:474 +0xca fp=0x1026b457e6f0 sp=0x1026b457e6d0 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457e768 sp=0x1026b457e6f0 pc=0x417a2e
runtime.chanrecv1(0x10?, 0x6ef7f8?)
	runtime/chan.go:509 +0x12 fp=0x1026b457e790 sp=0x1026b457e768 pc=0x417572
main.spawner(0x1026b45040e0, 0x1026b4504310)
	example.com/scenarios/main.go:175 +0x7c fp=0x1026b457e7c0 sp=0x1026b457e790 pc=0x56d01c
main.main.func22()
	example.com/scenarios/main.go:307 +0x1e fp=0x1026b457e7e0 sp=0x1026b457e7c0 pc=0x56f0be
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457e7e8 sp=0x1026b457e7e0 pc=0x48ad61
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x48

goroutine 94 gp=0x1026b4577860 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457ef08 sp=0x1026b457eee8 pc=0x48494a
runtime.chanrecv(0x1026b45040e0, 0x0, 0x1)
	runtime/chan.go:667 +0x4ae fp=0x1026b457ef80 sp=0x1026b457ef08 pc=0x417a2e
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:509 +0x12 fp=0x1026b457efa8 sp=0x1026b457ef80 pc=0x417572
main.spawnerChild(0x0?)
	example.com/scenarios/main.go:169 +0x15 fp=0x1026b457efc8 sp=0x1026b457efa8 pc=0x56cf75
main.spawner.gowrap1()
	example.com/scenarios/main.go:173 +0x17 fp=0x1026b457efe0 sp=0x1026b457efc8 pc=0x56f077
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457efe8 sp=0x1026b457efe0 pc=0x48ad61
created by main.spawner in goroutine 93
	example.com/scenarios/main.go:173 +0x5f

goroutine 95 gp=0x1026b4577a40 m=nil [GC worker (idle)]:
runtime.gopark(0x13f89de83bf?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b457f740 sp=0x1026b457f720 pc=0x48494a
runtime.gcBgMarkWorker(0x1026b4504380)
	runtime/mgc.go:1807 +0xeb fp=0x1026b457f7c8 sp=0x1026b457f740 pc=0x42dc2b
runtime.gcBgMarkStartWorkers.gowrap1()
	runtime/mgc.go:1711 +0x17 fp=0x1026b457f7e0 sp=0x1026b457f7c8 pc=0x47bf37
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b457f7e8 sp=0x1026b457f7e0 pc=0x48ad61
created by runtime.gcBgMarkStartWorkers in goroutine 1
	runtime/mgc.go:1711 +0xfc

goroutine 96 gp=0x1026b4577c20 m=nil [GC worker (idle)]:
runtime.gopark(0x13f89dc1aee?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:474 +0xca fp=0x1026b4476f40 sp=0x1026b4476f20 pc=0x48494a
runtime.gcBgMarkWorker(0x1026b4504380)
	runtime/mgc.go:1807 +0xeb fp=0x1026b4476fc8 sp=0x1026b4476f40 pc=0x42dc2b
runtime.gcBgMarkStartWorkers.gowrap1()
	runtime/mgc.go:1711 +0x17 fp=0x1026b4476fe0 sp=0x1026b4476fc8 pc=0x47bf37
runtime.goexit({})
	runtime/asm_amd64.s:1264 +0x1 fp=0x1026b4476fe8 sp=0x1026b4476fe0 pc=0x48ad61
created by runtime.gcBgMarkStartWorkers in goroutine 1
	runtime/mgc.go:1711 +0xfc
-- stderr
