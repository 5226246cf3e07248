exit 0
-- stdout
goroutine 1 gp=0xc0000061c0 m=nil [chan receive]:
runtime.gopark(0xc0000a21dd?, 0xc00029a008?, 0x98?, 0x7b?, 0xc0002b4000?)
	runtime/proc.go:402 +0xce fp=0xc0000b7cf8 sp=0xc0000b7cd8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b7d70 sp=0xc0000b7cf8 pc=0x406f5f
runtime.chanrecv1(0xc0000a4008?, 0xc000012138?)
	runtime/chan.go:442 +0x12 fp=0xc0000b7d98 sp=0xc0000b7d70 pc=0x406b92
main.mainWait(0x7ffd06086863?)
	example.com/scenarios/main.go:187 +0x15 fp=0xc0000b7db8 sp=0xc0000b7d98 pc=0x4f09d5
main.main()
	example.com/scenarios/main.go:344 +0xf19 fp=0xc0000b7f50 sp=0xc0000b7db8 pc=0x4f1939
runtime.main()
	runtime/proc.go:271 +0x29d fp=0xc0000b7fe0 sp=0xc0000b7f50 pc=0x439e5d
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b7fe8 sp=0xc0000b7fe0 pc=0x46aba1

goroutine 2 gp=0xc000006700 m=nil [force gc (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000042fa8 sp=0xc000042f88 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.forcegchelper()
	runtime/proc.go:326 +0xb3 fp=0xc000042fe0 sp=0xc000042fa8 pc=0x43a113
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000042fe8 sp=0xc000042fe0 pc=0x46aba1
created by runtime.init.6 in goroutine 1
	runtime/proc.go:314 +0x1a

goroutine 3 gp=0xc000006c40 m=nil [GC sweep wait]:
runtime.gopark(0x1?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000043780 sp=0xc000043760 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.bgsweep(0xc000062000)
	runtime/mgcsweep.go:318 +0xdf fp=0xc0000437c8 sp=0xc000043780 pc=0x425adf
runtime.gcenable.gowrap1()
	runtime/mgc.go:203 +0x25 fp=0xc0000437e0 sp=0xc0000437c8 pc=0x41a345
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000437e8 sp=0xc0000437e0 pc=0x46aba1
created by runtime.gcenable in goroutine 1
	runtime/mgc.go:203 +0x66

goroutine 4 gp=0xc000006e00 m=nil [GC scavenge wait]:
runtime.gopark(0xc000062000?, 0x556c00?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000043f78 sp=0xc000043f58 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.(*scavengerState).park(0x615360)
	runtime/mgcscavenge.go:425 +0x49 fp=0xc000043fa8 sp=0xc000043f78 pc=0x423489
runtime.bgscavenge(0xc000062000)
	runtime/mgcscavenge.go:658 +0x59 fp=0xc000043fc8 sp=0xc000043fa8 pc=0x423a39
runtime.gcenable.gowrap2()
	runtime/mgc.go:204 +0x25 fp=0xc000043fe0 sp=0xc000043fc8 pc=0x41a2e5
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000043fe8 sp=0xc000043fe0 pc=0x46aba1
created by runtime.gcenable in goroutine 1
	runtime/mgc.go:204 +0xa5

goroutine 5 gp=0xc000007340 m=nil [chan receive]:
runtime.gopark(0x6755a0?, 0x2000005?, 0x78?, 0xbd?, 0x40c3d0?)
	runtime/proc.go:402 +0xce fp=0xc00007bd40 sp=0xc00007bd20 pc=0x43a28e
runtime.chanrecv(0xc0000701e0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc00007bdb8 sp=0xc00007bd40 pc=0x406f5f
runtime.chanrecv1(0xc000070180?, 0xc000116008?)
	runtime/chan.go:442 +0x12 fp=0xc00007bde0 sp=0xc00007bdb8 pc=0x406b92
main.finalizerBlock(0x0?)
	example.com/scenarios/main.go:183 +0x28 fp=0xc00007be00 sp=0xc00007bde0 pc=0x4f09a8
runtime.call16(0x0, 0x533910, 0xc000012090, 0x10, 0x10, 0x10, 0xc00007be90)
	runtime/asm_amd64.s:770 +0x43 fp=0xc00007be20 sp=0xc00007be00 pc=0x469263
runtime.runfinq()
	runtime/mfinal.go:256 +0x3f1 fp=0xc00007bfe0 sp=0xc00007be20 pc=0x419671
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc00007bfe8 sp=0xc00007bfe0 pc=0x46aba1
created by runtime.createfing in goroutine 1
	runtime/mfinal.go:164 +0x3d

goroutine 6 gp=0xc000007500 m=nil [chan send]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000044708 sp=0xc0000446e8 pc=0x43a28e
runtime.chansend(0xc000070120, 0x556c00, 0x1, 0x0?)
	runtime/chan.go:259 +0x38d fp=0xc000044778 sp=0xc000044708 pc=0x40620d
runtime.chansend1(0x0?, 0x0?)
	runtime/chan.go:145 +0x17 fp=0xc0000447a8 sp=0xc000044778 pc=0x405e77
main.blockChanSend(0x0?)
	example.com/scenarios/main.go:55 +0x1a fp=0xc0000447c8 sp=0xc0000447a8 pc=0x4efffa
main.main.func1()
	example.com/scenarios/main.go:212 +0x1a fp=0xc0000447e0 sp=0xc0000447c8 pc=0x4f2cfa
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000447e8 sp=0xc0000447e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 7 gp=0xc0000076c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000044f00 sp=0xc000044ee0 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc000044fb0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc000044f78 sp=0xc000044f00 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc000044fa0 sp=0xc000044f78 pc=0x406b92
main.blockChanRecv(0x0?)
	example.com/scenarios/main.go:58 +0x25 fp=0xc000044fc8 sp=0xc000044fa0 pc=0x4f0045
main.main.func2()
	example.com/scenarios/main.go:213 +0x1a fp=0xc000044fe0 sp=0xc000044fc8 pc=0x4f2d3a
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000044fe8 sp=0xc000044fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 8 gp=0xc000007880 m=nil [select]:
runtime.gopark(0xc000045740?, 0x4?, 0xf8?, 0x55?, 0xc000045720?)
	runtime/proc.go:402 +0xce fp=0xc0000455c0 sp=0xc0000455a0 pc=0x43a28e
runtime.selectgo(0xc000045740, 0xc000045718, 0x0?, 0x1, 0x0?, 0x1)
	runtime/select.go:327 +0x725 fp=0xc0000456e0 sp=0xc0000455c0 pc=0x44b605
main.blockSelect(0xc0000700c0, 0xc000070120, 0x0)
	example.com/scenarios/main.go:64 +0x13b fp=0xc0000457b8 sp=0xc0000456e0 pc=0x4f01bb
main.main.func3()
	example.com/scenarios/main.go:214 +0x25 fp=0xc0000457e0 sp=0xc0000457b8 pc=0x4f2d85
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000457e8 sp=0xc0000457e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 9 gp=0xc000007a40 m=nil [select (no cases)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000045fa0 sp=0xc000045f80 pc=0x43a28e
runtime.block()
	runtime/select.go:103 +0x26 fp=0xc000045fd0 sp=0xc000045fa0 pc=0x44aec6
main.blockSelectNoCases()
	example.com/scenarios/main.go:77 +0xf fp=0xc000045fe0 sp=0xc000045fd0 pc=0x4f032f
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000045fe8 sp=0xc000045fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 10 gp=0xc000007c00 m=nil [chan send (nil chan)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc00003e720 sp=0xc00003e700 pc=0x43a28e
runtime.chansend(0x0?, 0x0?, 0x0?, 0x0?)
	runtime/chan.go:165 +0xda fp=0xc00003e790 sp=0xc00003e720 pc=0x405f5a
runtime.chansend1(0x0?, 0x0?)
	runtime/chan.go:145 +0x17 fp=0xc00003e7c0 sp=0xc00003e790 pc=0x405e77
main.blockNilSend()
	example.com/scenarios/main.go:82 +0x1c fp=0xc00003e7e0 sp=0xc00003e7c0 pc=0x4f035c
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc00003e7e8 sp=0xc00003e7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 11 gp=0xc000007dc0 m=nil [chan receive (nil chan)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc00003ef08 sp=0xc00003eee8 pc=0x43a28e
runtime.chanrecv(0x0?, 0x0?, 0x0?)
	runtime/chan.go:469 +0x159 fp=0xc00003ef80 sp=0xc00003ef08 pc=0x406cf9
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc00003efa8 sp=0xc00003ef80 pc=0x406b92
main.blockNilRecv()
	example.com/scenarios/main.go:88 +0x25 fp=0xc00003efd0 sp=0xc00003efa8 pc=0x4f03a5
main.main.func4()
	example.com/scenarios/main.go:217 +0xf fp=0xc00003efe0 sp=0xc00003efd0 pc=0x4f2daf
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc00003efe8 sp=0xc00003efe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 12 gp=0xc000098000 m=nil [sync.Mutex.Lock]:
runtime.gopark(0x0?, 0x0?, 0x40?, 0x2?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc00003f6c0 sp=0xc00003f6a0 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.semacquire1(0xc000012114, 0x0, 0x3, 0x1, 0x15)
	runtime/sema.go:160 +0x225 fp=0xc00003f728 sp=0xc00003f6c0 pc=0x44c645
sync.runtime_SemacquireMutex(0x0?, 0x0?, 0x0?)
	runtime/sema.go:77 +0x25 fp=0xc00003f760 sp=0xc00003f728 pc=0x467645
sync.(*Mutex).lockSlow(0xc000012110)
	sync/mutex.go:171 +0x15d fp=0xc00003f7b0 sp=0xc00003f760 pc=0x470d5d
sync.(*Mutex).Lock(...)
	sync/mutex.go:90
main.blockMutex(0x0?)
	example.com/scenarios/main.go:92 +0x2c fp=0xc00003f7c8 sp=0xc00003f7b0 pc=0x4f03ec
main.main.func5()
	example.com/scenarios/main.go:221 +0x17 fp=0xc00003f7e0 sp=0xc00003f7c8 pc=0x4f1c97
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc00003f7e8 sp=0xc00003f7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 13 gp=0xc0000981c0 m=nil [sync.RWMutex.RLock]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x3?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc00003ff00 sp=0xc00003fee0 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.semacquire1(0xc00001a0cc, 0x0, 0x3, 0x0, 0x16)
	runtime/sema.go:160 +0x225 fp=0xc00003ff68 sp=0xc00003ff00 pc=0x44c645
sync.runtime_SemacquireRWMutexR(0x0?, 0x0?, 0x0?)
	runtime/sema.go:82 +0x25 fp=0xc00003ffa0 sp=0xc00003ff68 pc=0x4676a5
sync.(*RWMutex).RLock(...)
	sync/rwmutex.go:70
main.blockRLock(0x0?)
	example.com/scenarios/main.go:95 +0x2b fp=0xc00003ffc8 sp=0xc00003ffa0 pc=0x4f044b
main.main.func6()
	example.com/scenarios/main.go:226 +0x17 fp=0xc00003ffe0 sp=0xc00003ffc8 pc=0x4f1c57
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc00003ffe8 sp=0xc00003ffe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 14 gp=0xc000098380 m=nil [sync.RWMutex.Lock]:
runtime.gopark(0x0?, 0x0?, 0xa0?, 0x2?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000406e0 sp=0xc0000406c0 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.semacquire1(0xc00001a0e0, 0x0, 0x3, 0x0, 0x17)
	runtime/sema.go:160 +0x225 fp=0xc000040748 sp=0xc0000406e0 pc=0x44c645
sync.runtime_SemacquireRWMutex(0x0?, 0x0?, 0x0?)
	runtime/sema.go:87 +0x25 fp=0xc000040780 sp=0xc000040748 pc=0x467705
sync.(*RWMutex).Lock(0x0?)
	sync/rwmutex.go:151 +0x6a fp=0xc0000407b0 sp=0xc000040780 pc=0x47218a
main.blockWLock(0x0?)
	example.com/scenarios/main.go:98 +0x13 fp=0xc0000407c8 sp=0xc0000407b0 pc=0x4f0493
main.main.func7()
	example.com/scenarios/main.go:227 +0x17 fp=0xc0000407e0 sp=0xc0000407c8 pc=0x4f1c17
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000407e8 sp=0xc0000407e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 15 gp=0xc000098540 m=nil [semacquire]:
runtime.gopark(0x0?, 0x0?, 0x60?, 0x3?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000040ee8 sp=0xc000040ec8 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
runtime.semacquire1(0xc000012128, 0x0, 0x1, 0x0, 0x12)
	runtime/sema.go:160 +0x225 fp=0xc000040f50 sp=0xc000040ee8 pc=0x44c645
sync.runtime_Semacquire(0x0?)
	runtime/sema.go:62 +0x25 fp=0xc000040f88 sp=0xc000040f50 pc=0x467585
sync.(*WaitGroup).Wait(0x0?)
	sync/waitgroup.go:116 +0x48 fp=0xc000040fb0 sp=0xc000040f88 pc=0x472408
main.blockWaitGroup(0x0?)
	example.com/scenarios/main.go:101 +0x13 fp=0xc000040fc8 sp=0xc000040fb0 pc=0x4f04d3
main.main.func8()
	example.com/scenarios/main.go:231 +0x17 fp=0xc000040fe0 sp=0xc000040fc8 pc=0x4f1bd7
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000040fe8 sp=0xc000040fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 16 gp=0xc000098700 m=nil [sync.Cond.Wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000041720 sp=0xc000041700 pc=0x43a28e
runtime.goparkunlock(...)
	runtime/proc.go:408
sync.runtime_notifyListWait(0xc000080050, 0x0)
	runtime/sema.go:569 +0x159 fp=0xc000041770 sp=0xc000041720 pc=0x4678f9
sync.(*Cond).Wait(0x0?)
	sync/cond.go:70 +0x85 fp=0xc0000417b0 sp=0xc000041770 pc=0x46fb25
main.blockCond(0xc000080040)
	example.com/scenarios/main.go:106 +0x2d fp=0xc0000417c8 sp=0xc0000417b0 pc=0x4f052d
main.main.func9()
	example.com/scenarios/main.go:234 +0x17 fp=0xc0000417e0 sp=0xc0000417c8 pc=0x4f1b97
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000417e8 sp=0xc0000417e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 17 gp=0xc0000988c0 m=nil [sleep]:
runtime.gopark(0x13f4dd6ef0d?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000041f88 sp=0xc000041f68 pc=0x43a28e
time.Sleep(0x34630b8a000)
	runtime/time.go:195 +0x115 fp=0xc000041fc8 sp=0xc000041f88 pc=0x467d35
main.blockSleep()
	example.com/scenarios/main.go:111 +0x1d fp=0xc000041fe0 sp=0xc000041fc8 pc=0x4f057d
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000041fe8 sp=0xc000041fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 18 gp=0xc000098a80 m=nil [IO wait]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000b0570 sp=0xc0000b0550 pc=0x43a28e
runtime.netpollblock(0x0?, 0x405186?, 0x0?)
	runtime/netpoll.go:573 +0xf7 fp=0xc0000b05a8 sp=0xc0000b0570 pc=0x4331b7
internal/poll.runtime_pollWait(0x7f825ec7f6a0, 0x72)
	runtime/netpoll.go:345 +0x85 fp=0xc0000b05c8 sp=0xc0000b05a8 pc=0x465da5
internal/poll.(*pollDesc).wait(0x6?, 0x0?, 0x0)
	internal/poll/fd_poll_runtime.go:84 +0x27 fp=0xc0000b05f0 sp=0xc0000b05c8 pc=0x49f607
internal/poll.(*pollDesc).waitRead(...)
	internal/poll/fd_poll_runtime.go:89
internal/poll.(*FD).Accept(0xc000096080)
	internal/poll/fd_unix.go:611 +0x2ac fp=0xc0000b0698 sp=0xc0000b05f0 pc=0x4a08ac
net.(*netFD).accept(0xc000096080)
	net/fd_unix.go:172 +0x29 fp=0xc0000b0750 sp=0xc0000b0698 pc=0x4db0e9
net.(*TCPListener).accept(0xc000014060)
	net/tcpsock_posix.go:159 +0x1e fp=0xc0000b0778 sp=0xc0000b0750 pc=0x4e95de
net.(*TCPListener).Accept(0xc000014060)
	net/tcpsock.go:327 +0x30 fp=0xc0000b07a8 sp=0xc0000b0778 pc=0x4e8a30
main.blockAccept({0x558ba8?, 0xc000014060?})
	example.com/scenarios/main.go:115 +0x22 fp=0xc0000b07c0 sp=0xc0000b07a8 pc=0x4f05c2
main.main.func10()
	example.com/scenarios/main.go:243 +0x1b fp=0xc0000b07e0 sp=0xc0000b07c0 pc=0x4f1b5b
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b07e8 sp=0xc0000b07e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 19 gp=0xc000098c40 m=nil [IO wait]:
runtime.gopark(0x0?, 0x0?, 0x68?, 0xa8?, 0xb?)
	runtime/proc.go:402 +0xce fp=0xc0000b0db8 sp=0xc0000b0d98 pc=0x43a28e
runtime.netpollblock(0x475418?, 0x405186?, 0x0?)
	runtime/netpoll.go:573 +0xf7 fp=0xc0000b0df0 sp=0xc0000b0db8 pc=0x4331b7
internal/poll.runtime_pollWait(0x7f825ec7f3b8, 0x72)
	runtime/netpoll.go:345 +0x85 fp=0xc0000b0e10 sp=0xc0000b0df0 pc=0x465da5
internal/poll.(*pollDesc).wait(0xc000096200?, 0xc00010a000?, 0x0)
	internal/poll/fd_poll_runtime.go:84 +0x27 fp=0xc0000b0e38 sp=0xc0000b0e10 pc=0x49f607
internal/poll.(*pollDesc).waitRead(...)
	internal/poll/fd_poll_runtime.go:89
internal/poll.(*FD).Read(0xc000096200, {0xc00010a000, 0x10, 0x10})
	internal/poll/fd_unix.go:164 +0x27a fp=0xc0000b0ed0 sp=0xc0000b0e38 pc=0x49ff3a
net.(*netFD).Read(0xc000096200, {0xc00010a000?, 0x10?, 0x6159c0?})
	net/fd_posix.go:55 +0x25 fp=0xc0000b0f18 sp=0xc0000b0ed0 pc=0x4da0a5
net.(*conn).Read(0xc000046050, {0xc00010a000?, 0x502aa0?, 0x1?})
	net/net.go:185 +0x45 fp=0xc0000b0f60 sp=0xc0000b0f18 pc=0x4e3105
net.(*TCPConn).Read(0x0?, {0xc00010a000?, 0x0?, 0x0?})
	<autogenerated>:1 +0x25 fp=0xc0000b0f90 sp=0xc0000b0f60 pc=0x4ec325
main.blockConnRead({0x5596f8, 0xc000046050})
	example.com/scenarios/main.go:124 +0x43 fp=0xc0000b0fc0 sp=0xc0000b0f90 pc=0x4f0643
main.main.func11()
	example.com/scenarios/main.go:260 +0x1b fp=0xc0000b0fe0 sp=0xc0000b0fc0 pc=0x4f1b1b
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b0fe8 sp=0xc0000b0fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 20 gp=0xc000098e00 m=0 mp=0x6159c0 [syscall]:
syscall.Syscall(0x0, 0xa, 0xc0000b17a8, 0x10)
	syscall/syscall_linux.go:69 +0x25 fp=0xc0000b1748 sp=0xc0000b16e8 pc=0x4767a5
syscall.read(0x0?, {0xc0000b17a8?, 0x0?, 0x0?})
	syscall/zsyscall_linux_amd64.go:736 +0x38 fp=0xc0000b1788 sp=0xc0000b1748 pc=0x475418
syscall.Read(...)
	syscall/syscall_unix.go:181
main.blockSyscall(0x0?)
	example.com/scenarios/main.go:132 +0x27 fp=0xc0000b17c8 sp=0xc0000b1788 pc=0x4f06a7
main.main.func12()
	example.com/scenarios/main.go:267 +0x1a fp=0xc0000b17e0 sp=0xc0000b17c8 pc=0x4f1ada
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b17e8 sp=0xc0000b17e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 21 gp=0xc000098fc0 m=nil [chan receive, locked to thread]:
runtime.gopark(0x0?, 0x0?, 0x48?, 0x1f?, 0x43e4a5?)
	runtime/proc.go:402 +0xce fp=0xc0000b1f08 sp=0xc0000b1ee8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b1f80 sp=0xc0000b1f08 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000b1fa8 sp=0xc0000b1f80 pc=0x406b92
main.blockLockedThread(0xc0000700c0)
	example.com/scenarios/main.go:138 +0x25 fp=0xc0000b1fc8 sp=0xc0000b1fa8 pc=0x4f06e5
main.main.func13()
	example.com/scenarios/main.go:269 +0x1a fp=0xc0000b1fe0 sp=0xc0000b1fc8 pc=0x4f2dda
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b1fe8 sp=0xc0000b1fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 22 gp=0xc000099180 m=nil [chan receive]:
runtime.gopark(0x40de7b?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000b26f0 sp=0xc0000b26d0 pc=0x43a28e
runtime.chanrecv(0xc000070300, 0xc0000b27a0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b2768 sp=0xc0000b26f0 pc=0x406f5f
runtime.chanrecv1(0x1?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000b2790 sp=0xc0000b2768 pc=0x406b92
main.GenericWait[...](0x0?)
	example.com/scenarios/main.go:144 +0x25 fp=0xc0000b27c0 sp=0xc0000b2790 pc=0x4f3285
main.main.func14()
	example.com/scenarios/main.go:271 +0x2b fp=0xc0000b27e0 sp=0xc0000b27c0 pc=0x4f2e2b
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b27e8 sp=0xc0000b27e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 23 gp=0xc000099340 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000b2ef8 sp=0xc0000b2ed8 pc=0x43a28e
runtime.chanrecv(0xc000070240, 0xc0000b2fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b2f70 sp=0xc0000b2ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000b2f98 sp=0xc0000b2f70 pc=0x406b92
main.(*Box[...]).Wait(0x0?)
	example.com/scenarios/main.go:152 +0x25 fp=0xc0000b2fc0 sp=0xc0000b2f98 pc=0x4f3225
main.main.func15()
	example.com/scenarios/main.go:273 +0x1e fp=0xc0000b2fe0 sp=0xc0000b2fc0 pc=0x4f1a9e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b2fe8 sp=0xc0000b2fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 24 gp=0xc000099500 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000b3720 sp=0xc0000b3700 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b3798 sp=0xc0000b3720 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000b37c0 sp=0xc0000b3798 pc=0x406b92
main.main.func16()
	example.com/scenarios/main.go:276 +0x1c fp=0xc0000b37e0 sp=0xc0000b37c0 pc=0x4f2e5c
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b37e8 sp=0xc0000b37e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 25 gp=0xc0000996c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000b3f00 sp=0xc0000b3ee0 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000b3f78 sp=0xc0000b3f00 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000b3fa0 sp=0xc0000b3f78 pc=0x406b92
main.main.func17.1.1()
	example.com/scenarios/main.go:280 +0x1c fp=0xc0000b3fc0 sp=0xc0000b3fa0 pc=0x4f2f1c
main.main.func17.1()
	example.com/scenarios/main.go:281 +0x1a fp=0xc0000b3fd0 sp=0xc0000b3fc0 pc=0x4f2eda
main.main.func17()
	example.com/scenarios/main.go:283 +0x1a fp=0xc0000b3fe0 sp=0xc0000b3fd0 pc=0x4f2e9a
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000b3fe8 sp=0xc0000b3fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 26 gp=0xc000099880 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000e3fe0 sp=0xc0000e3fc0 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000e4090, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000e4058 sp=0xc0000e3fe0 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000e4080 sp=0xc0000e4058 pc=0x406b92
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:157 +0x2a fp=0xc0000e40a8 sp=0xc0000e4080 pc=0x4f072a
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e40d0 sp=0xc0000e40a8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e40f8 sp=0xc0000e40d0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4120 sp=0xc0000e40f8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4148 sp=0xc0000e4120 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4170 sp=0xc0000e4148 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4198 sp=0xc0000e4170 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e41c0 sp=0xc0000e4198 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e41e8 sp=0xc0000e41c0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4210 sp=0xc0000e41e8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4238 sp=0xc0000e4210 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4260 sp=0xc0000e4238 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4288 sp=0xc0000e4260 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e42b0 sp=0xc0000e4288 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e42d8 sp=0xc0000e42b0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4300 sp=0xc0000e42d8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4328 sp=0xc0000e4300 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4350 sp=0xc0000e4328 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4378 sp=0xc0000e4350 pc=0x4f073d
main.recurse(0x14?, 0xc0000700c0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e43a0 sp=0xc0000e4378 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e43c8 sp=0xc0000e43a0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e43f0 sp=0xc0000e43c8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4418 sp=0xc0000e43f0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4440 sp=0xc0000e4418 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4468 sp=0xc0000e4440 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4490 sp=0xc0000e4468 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e44b8 sp=0xc0000e4490 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e44e0 sp=0xc0000e44b8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4508 sp=0xc0000e44e0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4530 sp=0xc0000e4508 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4558 sp=0xc0000e4530 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4580 sp=0xc0000e4558 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e45a8 sp=0xc0000e4580 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e45d0 sp=0xc0000e45a8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e45f8 sp=0xc0000e45d0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4620 sp=0xc0000e45f8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4648 sp=0xc0000e4620 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4670 sp=0xc0000e4648 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4698 sp=0xc0000e4670 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e46c0 sp=0xc0000e4698 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e46e8 sp=0xc0000e46c0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4710 sp=0xc0000e46e8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4738 sp=0xc0000e4710 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4760 sp=0xc0000e4738 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e4788 sp=0xc0000e4760 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e47b0 sp=0xc0000e4788 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e47d8 sp=0xc0000e47b0 pc=0x4f073d
...105 frames elided...
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5868 sp=0xc0000e5840 pc=0x4f073d
main.recurse(0x4074be?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5890 sp=0xc0000e5868 pc=0x4f073d
main.recurse(0x4d23ae?, 0xc00008e1e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e58b8 sp=0xc0000e5890 pc=0x4f073d
main.recurse(0xc000072540?, 0x28?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e58e0 sp=0xc0000e58b8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5908 sp=0xc0000e58e0 pc=0x4f073d
main.recurse(0xc000078958?, 0x40e225?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5930 sp=0xc0000e5908 pc=0x4f073d
main.recurse(0x0?, 0x1?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5958 sp=0xc0000e5930 pc=0x4f073d
main.recurse(0x0?, 0xc000027f80?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5980 sp=0xc0000e5958 pc=0x4f073d
main.recurse(0x415a25?, 0xc000026160?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e59a8 sp=0xc0000e5980 pc=0x4f073d
main.recurse(0x558cf8?, 0x674860?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e59d0 sp=0xc0000e59a8 pc=0x4f073d
main.recurse(0xc000078a48?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e59f8 sp=0xc0000e59d0 pc=0x4f073d
main.recurse(0x9?, 0xc000078ab0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5a20 sp=0xc0000e59f8 pc=0x4f073d
main.recurse(0xc000072510?, 0x533b78?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5a48 sp=0xc0000e5a20 pc=0x4f073d
main.recurse(0x7f825ee137e8?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5a70 sp=0xc0000e5a48 pc=0x4f073d
main.recurse(0xc000026160?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5a98 sp=0xc0000e5a70 pc=0x4f073d
main.recurse(0x45071e?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ac0 sp=0xc0000e5a98 pc=0x4f073d
main.recurse(0x558cf8?, 0x674860?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ae8 sp=0xc0000e5ac0 pc=0x4f073d
main.recurse(0x1?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5b10 sp=0xc0000e5ae8 pc=0x4f073d
main.recurse(0x0?, 0xc000072540?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5b38 sp=0xc0000e5b10 pc=0x4f073d
main.recurse(0x7f825ee15408?, 0xa0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5b60 sp=0xc0000e5b38 pc=0x4f073d
main.recurse(0xad?, 0xc0000700c0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5b88 sp=0xc0000e5b60 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5bb0 sp=0xc0000e5b88 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5bd8 sp=0xc0000e5bb0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5c00 sp=0xc0000e5bd8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5c28 sp=0xc0000e5c00 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5c50 sp=0xc0000e5c28 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5c78 sp=0xc0000e5c50 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ca0 sp=0xc0000e5c78 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5cc8 sp=0xc0000e5ca0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5cf0 sp=0xc0000e5cc8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5d18 sp=0xc0000e5cf0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5d40 sp=0xc0000e5d18 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5d68 sp=0xc0000e5d40 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5d90 sp=0xc0000e5d68 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5db8 sp=0xc0000e5d90 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5de0 sp=0xc0000e5db8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5e08 sp=0xc0000e5de0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5e30 sp=0xc0000e5e08 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5e58 sp=0xc0000e5e30 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5e80 sp=0xc0000e5e58 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ea8 sp=0xc0000e5e80 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ed0 sp=0xc0000e5ea8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5ef8 sp=0xc0000e5ed0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5f20 sp=0xc0000e5ef8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5f48 sp=0xc0000e5f20 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5f70 sp=0xc0000e5f48 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5f98 sp=0xc0000e5f70 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000e5fc0 sp=0xc0000e5f98 pc=0x4f073d
main.main.func18()
	example.com/scenarios/main.go:286 +0x1f fp=0xc0000e5fe0 sp=0xc0000e5fc0 pc=0x4f2f5f
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000e5fe8 sp=0xc0000e5fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 27 gp=0xc000099a40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0xc0000baca0?)
	runtime/proc.go:402 +0xce fp=0xc0000bac60 sp=0xc0000bac40 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000bad10, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000bacd8 sp=0xc0000bac60 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000bad00 sp=0xc0000bacd8 pc=0x406b92
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:157 +0x2a fp=0xc0000bad28 sp=0xc0000bad00 pc=0x4f072a
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bad50 sp=0xc0000bad28 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bad78 sp=0xc0000bad50 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bada0 sp=0xc0000bad78 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000badc8 sp=0xc0000bada0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000badf0 sp=0xc0000badc8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bae18 sp=0xc0000badf0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bae40 sp=0xc0000bae18 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bae68 sp=0xc0000bae40 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bae90 sp=0xc0000bae68 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baeb8 sp=0xc0000bae90 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baee0 sp=0xc0000baeb8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baf08 sp=0xc0000baee0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baf30 sp=0xc0000baf08 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baf58 sp=0xc0000baf30 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baf80 sp=0xc0000baf58 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bafa8 sp=0xc0000baf80 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bafd0 sp=0xc0000bafa8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000baff8 sp=0xc0000bafd0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb020 sp=0xc0000baff8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb048 sp=0xc0000bb020 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb070 sp=0xc0000bb048 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb098 sp=0xc0000bb070 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb0c0 sp=0xc0000bb098 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb0e8 sp=0xc0000bb0c0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb110 sp=0xc0000bb0e8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb138 sp=0xc0000bb110 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb160 sp=0xc0000bb138 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb188 sp=0xc0000bb160 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb1b0 sp=0xc0000bb188 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb1d8 sp=0xc0000bb1b0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb200 sp=0xc0000bb1d8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb228 sp=0xc0000bb200 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb250 sp=0xc0000bb228 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb278 sp=0xc0000bb250 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb2a0 sp=0xc0000bb278 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb2c8 sp=0xc0000bb2a0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb2f0 sp=0xc0000bb2c8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb318 sp=0xc0000bb2f0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb340 sp=0xc0000bb318 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb368 sp=0xc0000bb340 pc=0x4f073d
main.recurse(0x2a?, 0xc0000700c0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb390 sp=0xc0000bb368 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb3b8 sp=0xc0000bb390 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb3e0 sp=0xc0000bb3b8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb408 sp=0xc0000bb3e0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb430 sp=0xc0000bb408 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb458 sp=0xc0000bb430 pc=0x4f073d
...25 frames elided...
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb868 sp=0xc0000bb840 pc=0x4f073d
main.recurse(0x4074be?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb890 sp=0xc0000bb868 pc=0x4f073d
main.recurse(0x4d23ae?, 0xc00008e1e0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb8b8 sp=0xc0000bb890 pc=0x4f073d
main.recurse(0xc000072540?, 0x28?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb8e0 sp=0xc0000bb8b8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb908 sp=0xc0000bb8e0 pc=0x4f073d
main.recurse(0xc000078958?, 0x40e225?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb930 sp=0xc0000bb908 pc=0x4f073d
main.recurse(0x0?, 0x1?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb958 sp=0xc0000bb930 pc=0x4f073d
main.recurse(0x0?, 0xc000027f80?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb980 sp=0xc0000bb958 pc=0x4f073d
main.recurse(0x415a25?, 0xc000026160?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb9a8 sp=0xc0000bb980 pc=0x4f073d
main.recurse(0x558cf8?, 0x674860?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb9d0 sp=0xc0000bb9a8 pc=0x4f073d
main.recurse(0xc000078a48?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bb9f8 sp=0xc0000bb9d0 pc=0x4f073d
main.recurse(0x9?, 0xc000078ab0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bba20 sp=0xc0000bb9f8 pc=0x4f073d
main.recurse(0xc000072510?, 0x533b78?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bba48 sp=0xc0000bba20 pc=0x4f073d
main.recurse(0x7f825ee137e8?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bba70 sp=0xc0000bba48 pc=0x4f073d
main.recurse(0xc000026160?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bba98 sp=0xc0000bba70 pc=0x4f073d
main.recurse(0x45071e?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbac0 sp=0xc0000bba98 pc=0x4f073d
main.recurse(0x558cf8?, 0x674860?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbae8 sp=0xc0000bbac0 pc=0x4f073d
main.recurse(0x1?, 0x10?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbb10 sp=0xc0000bbae8 pc=0x4f073d
main.recurse(0x0?, 0xc000072540?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbb38 sp=0xc0000bbb10 pc=0x4f073d
main.recurse(0x7f825ee15408?, 0xa0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbb60 sp=0xc0000bbb38 pc=0x4f073d
main.recurse(0x5d?, 0xc0000700c0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbb88 sp=0xc0000bbb60 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbbb0 sp=0xc0000bbb88 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbbd8 sp=0xc0000bbbb0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbc00 sp=0xc0000bbbd8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbc28 sp=0xc0000bbc00 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbc50 sp=0xc0000bbc28 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbc78 sp=0xc0000bbc50 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbca0 sp=0xc0000bbc78 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbcc8 sp=0xc0000bbca0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbcf0 sp=0xc0000bbcc8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbd18 sp=0xc0000bbcf0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbd40 sp=0xc0000bbd18 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbd68 sp=0xc0000bbd40 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbd90 sp=0xc0000bbd68 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbdb8 sp=0xc0000bbd90 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbde0 sp=0xc0000bbdb8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbe08 sp=0xc0000bbde0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbe30 sp=0xc0000bbe08 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbe58 sp=0xc0000bbe30 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbe80 sp=0xc0000bbe58 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbea8 sp=0xc0000bbe80 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbed0 sp=0xc0000bbea8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbef8 sp=0xc0000bbed0 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbf20 sp=0xc0000bbef8 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbf48 sp=0xc0000bbf20 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbf70 sp=0xc0000bbf48 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbf98 sp=0xc0000bbf70 pc=0x4f073d
main.recurse(0x0?, 0x0?)
	example.com/scenarios/main.go:159 +0x3d fp=0xc0000bbfc0 sp=0xc0000bbf98 pc=0x4f073d
main.main.func19()
	example.com/scenarios/main.go:287 +0x1f fp=0xc0000bbfe0 sp=0xc0000bbfc0 pc=0x4f2f9f
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000bbfe8 sp=0xc0000bbfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 28 gp=0xc000099c00 m=nil [chan receive]:
runtime.gopark(0x558cf8?, 0x674860?, 0x40?, 0x8d?, 0x674860?)
	runtime/proc.go:402 +0xce fp=0xc000078dd0 sp=0xc000078db0 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc000078e48 sp=0xc000078dd0 pc=0x406f5f
runtime.chanrecv1(0x0?, 0xc000099c00?)
	runtime/chan.go:442 +0x12 fp=0xc000078e70 sp=0xc000078e48 pc=0x406b92
main.blockLabeled({0xc000072660?, 0x508d40?}, 0x674860?)
	example.com/scenarios/main.go:166 +0x18 fp=0xc000078e90 sp=0xc000078e70 pc=0x4f07f8
main.main.func20.1({0x558d30?, 0xc000072660?})
	example.com/scenarios/main.go:291 +0x25 fp=0xc000078eb8 sp=0xc000078e90 pc=0x4f31c5
runtime/pprof.Do({0x558cf8?, 0x674860?}, {{0xc0000800c0?, 0x0?, 0x0?}}, 0x533970)
	runtime/pprof/runtime.go:51 +0x9d fp=0xc000078f28 sp=0xc000078eb8 pc=0x4efcbd
main.main.func20()
	example.com/scenarios/main.go:290 +0x1bb fp=0xc000078fe0 sp=0xc000078f28 pc=0x4f317b
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc000078fe8 sp=0xc000078fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 29 gp=0xc000099dc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000adef8 sp=0xc0000aded8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000adfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000adf70 sp=0xc0000adef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000adf98 sp=0xc0000adf70 pc=0x406b92
main.groupWait(0x0?, 0x0)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000adfc0 sp=0xc0000adf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000adfe0 sp=0xc0000adfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000adfe8 sp=0xc0000adfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 30 gp=0xc0000bc000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ae6f8 sp=0xc0000ae6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000ae7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000ae770 sp=0xc0000ae6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000ae798 sp=0xc0000ae770 pc=0x406b92
main.groupWait(0x0?, 0x1)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000ae7c0 sp=0xc0000ae798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000ae7e0 sp=0xc0000ae7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000ae7e8 sp=0xc0000ae7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 31 gp=0xc0000bc1c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000aeef8 sp=0xc0000aeed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000aefa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000aef70 sp=0xc0000aeef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000aef98 sp=0xc0000aef70 pc=0x406b92
main.groupWait(0x0?, 0x2)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000aefc0 sp=0xc0000aef98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000aefe0 sp=0xc0000aefc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000aefe8 sp=0xc0000aefe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 32 gp=0xc0000bc380 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000af6f8 sp=0xc0000af6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000af7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000af770 sp=0xc0000af6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000af798 sp=0xc0000af770 pc=0x406b92
main.groupWait(0x0?, 0x3)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000af7c0 sp=0xc0000af798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000af7e0 sp=0xc0000af7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000af7e8 sp=0xc0000af7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 33 gp=0xc0000bc540 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000afef8 sp=0xc0000afed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000affa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000aff70 sp=0xc0000afef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000aff98 sp=0xc0000aff70 pc=0x406b92
main.groupWait(0x0?, 0x4)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000affc0 sp=0xc0000aff98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000affe0 sp=0xc0000affc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000affe8 sp=0xc0000affe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 34 gp=0xc0000bc700 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c46f8 sp=0xc0000c46d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c47a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c4770 sp=0xc0000c46f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c4798 sp=0xc0000c4770 pc=0x406b92
main.groupWait(0x0?, 0x5)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c47c0 sp=0xc0000c4798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c47e0 sp=0xc0000c47c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c47e8 sp=0xc0000c47e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 35 gp=0xc0000bc8c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c4ef8 sp=0xc0000c4ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c4fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c4f70 sp=0xc0000c4ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c4f98 sp=0xc0000c4f70 pc=0x406b92
main.groupWait(0x0?, 0x6)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c4fc0 sp=0xc0000c4f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c4fe0 sp=0xc0000c4fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c4fe8 sp=0xc0000c4fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 36 gp=0xc0000bca80 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c56f8 sp=0xc0000c56d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c57a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c5770 sp=0xc0000c56f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c5798 sp=0xc0000c5770 pc=0x406b92
main.groupWait(0x0?, 0x7)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c57c0 sp=0xc0000c5798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c57e0 sp=0xc0000c57c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c57e8 sp=0xc0000c57e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 37 gp=0xc0000bcc40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c5ef8 sp=0xc0000c5ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c5fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c5f70 sp=0xc0000c5ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c5f98 sp=0xc0000c5f70 pc=0x406b92
main.groupWait(0x0?, 0x8)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c5fc0 sp=0xc0000c5f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c5fe0 sp=0xc0000c5fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c5fe8 sp=0xc0000c5fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 38 gp=0xc0000bce00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c66f8 sp=0xc0000c66d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c67a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c6770 sp=0xc0000c66f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c6798 sp=0xc0000c6770 pc=0x406b92
main.groupWait(0x0?, 0x9)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c67c0 sp=0xc0000c6798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c67e0 sp=0xc0000c67c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c67e8 sp=0xc0000c67e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 39 gp=0xc0000bcfc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c6ef8 sp=0xc0000c6ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c6fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c6f70 sp=0xc0000c6ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c6f98 sp=0xc0000c6f70 pc=0x406b92
main.groupWait(0x0?, 0xa)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c6fc0 sp=0xc0000c6f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c6fe0 sp=0xc0000c6fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c6fe8 sp=0xc0000c6fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 40 gp=0xc0000bd180 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c76f8 sp=0xc0000c76d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c77a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c7770 sp=0xc0000c76f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c7798 sp=0xc0000c7770 pc=0x406b92
main.groupWait(0x0?, 0xb)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c77c0 sp=0xc0000c7798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c77e0 sp=0xc0000c77c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c77e8 sp=0xc0000c77e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 41 gp=0xc0000bd340 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c7ef8 sp=0xc0000c7ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c7fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c7f70 sp=0xc0000c7ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c7f98 sp=0xc0000c7f70 pc=0x406b92
main.groupWait(0x0?, 0xc)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c7fc0 sp=0xc0000c7f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c7fe0 sp=0xc0000c7fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c7fe8 sp=0xc0000c7fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 42 gp=0xc0000bd500 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c06f8 sp=0xc0000c06d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c07a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c0770 sp=0xc0000c06f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c0798 sp=0xc0000c0770 pc=0x406b92
main.groupWait(0x0?, 0xd)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c07c0 sp=0xc0000c0798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c07e0 sp=0xc0000c07c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c07e8 sp=0xc0000c07e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 43 gp=0xc0000bd6c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c0ef8 sp=0xc0000c0ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c0fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c0f70 sp=0xc0000c0ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c0f98 sp=0xc0000c0f70 pc=0x406b92
main.groupWait(0x0?, 0xe)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c0fc0 sp=0xc0000c0f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c0fe0 sp=0xc0000c0fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c0fe8 sp=0xc0000c0fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 44 gp=0xc0000bd880 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c16f8 sp=0xc0000c16d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c17a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c1770 sp=0xc0000c16f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c1798 sp=0xc0000c1770 pc=0x406b92
main.groupWait(0x0?, 0xf)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c17c0 sp=0xc0000c1798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c17e0 sp=0xc0000c17c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c17e8 sp=0xc0000c17e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 45 gp=0xc0000bda40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c1ef8 sp=0xc0000c1ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c1fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c1f70 sp=0xc0000c1ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c1f98 sp=0xc0000c1f70 pc=0x406b92
main.groupWait(0x0?, 0x10)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c1fc0 sp=0xc0000c1f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c1fe0 sp=0xc0000c1fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c1fe8 sp=0xc0000c1fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 46 gp=0xc0000bdc00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c26f8 sp=0xc0000c26d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c27a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c2770 sp=0xc0000c26f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c2798 sp=0xc0000c2770 pc=0x406b92
main.groupWait(0x0?, 0x11)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c27c0 sp=0xc0000c2798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c27e0 sp=0xc0000c27c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c27e8 sp=0xc0000c27e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 47 gp=0xc0000bddc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c2ef8 sp=0xc0000c2ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c2fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c2f70 sp=0xc0000c2ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c2f98 sp=0xc0000c2f70 pc=0x406b92
main.groupWait(0x0?, 0x12)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c2fc0 sp=0xc0000c2f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c2fe0 sp=0xc0000c2fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c2fe8 sp=0xc0000c2fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 48 gp=0xc0000c8000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c36f8 sp=0xc0000c36d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c37a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c3770 sp=0xc0000c36f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c3798 sp=0xc0000c3770 pc=0x406b92
main.groupWait(0x0?, 0x13)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c37c0 sp=0xc0000c3798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c37e0 sp=0xc0000c37c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c37e8 sp=0xc0000c37e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 49 gp=0xc0000c81c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000c3ef8 sp=0xc0000c3ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000c3fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000c3f70 sp=0xc0000c3ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000c3f98 sp=0xc0000c3f70 pc=0x406b92
main.groupWait(0x0?, 0x14)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000c3fc0 sp=0xc0000c3f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000c3fe0 sp=0xc0000c3fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000c3fe8 sp=0xc0000c3fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 50 gp=0xc0000c8380 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ce6f8 sp=0xc0000ce6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000ce7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000ce770 sp=0xc0000ce6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000ce798 sp=0xc0000ce770 pc=0x406b92
main.groupWait(0x0?, 0x15)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000ce7c0 sp=0xc0000ce798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000ce7e0 sp=0xc0000ce7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000ce7e8 sp=0xc0000ce7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 51 gp=0xc0000c8540 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ceef8 sp=0xc0000ceed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cefa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cef70 sp=0xc0000ceef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cef98 sp=0xc0000cef70 pc=0x406b92
main.groupWait(0x0?, 0x16)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cefc0 sp=0xc0000cef98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cefe0 sp=0xc0000cefc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cefe8 sp=0xc0000cefe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 52 gp=0xc0000c8700 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cf6f8 sp=0xc0000cf6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cf7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cf770 sp=0xc0000cf6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cf798 sp=0xc0000cf770 pc=0x406b92
main.groupWait(0x0?, 0x17)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cf7c0 sp=0xc0000cf798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cf7e0 sp=0xc0000cf7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cf7e8 sp=0xc0000cf7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 53 gp=0xc0000c88c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cfef8 sp=0xc0000cfed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cffa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cff70 sp=0xc0000cfef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cff98 sp=0xc0000cff70 pc=0x406b92
main.groupWait(0x0?, 0x18)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cffc0 sp=0xc0000cff98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cffe0 sp=0xc0000cffc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cffe8 sp=0xc0000cffe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 54 gp=0xc0000c8a80 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d06f8 sp=0xc0000d06d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d07a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d0770 sp=0xc0000d06f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d0798 sp=0xc0000d0770 pc=0x406b92
main.groupWait(0x0?, 0x19)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d07c0 sp=0xc0000d0798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d07e0 sp=0xc0000d07c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d07e8 sp=0xc0000d07e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 55 gp=0xc0000c8c40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d0ef8 sp=0xc0000d0ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d0fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d0f70 sp=0xc0000d0ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d0f98 sp=0xc0000d0f70 pc=0x406b92
main.groupWait(0x0?, 0x1a)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d0fc0 sp=0xc0000d0f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d0fe0 sp=0xc0000d0fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d0fe8 sp=0xc0000d0fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 56 gp=0xc0000c8e00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d16f8 sp=0xc0000d16d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d17a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d1770 sp=0xc0000d16f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d1798 sp=0xc0000d1770 pc=0x406b92
main.groupWait(0x0?, 0x1b)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d17c0 sp=0xc0000d1798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d17e0 sp=0xc0000d17c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d17e8 sp=0xc0000d17e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 57 gp=0xc0000c8fc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d1ef8 sp=0xc0000d1ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d1fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d1f70 sp=0xc0000d1ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d1f98 sp=0xc0000d1f70 pc=0x406b92
main.groupWait(0x0?, 0x1c)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d1fc0 sp=0xc0000d1f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d1fe0 sp=0xc0000d1fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d1fe8 sp=0xc0000d1fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 58 gp=0xc0000c9180 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ca6f8 sp=0xc0000ca6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000ca7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000ca770 sp=0xc0000ca6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000ca798 sp=0xc0000ca770 pc=0x406b92
main.groupWait(0x0?, 0x1d)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000ca7c0 sp=0xc0000ca798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000ca7e0 sp=0xc0000ca7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000ca7e8 sp=0xc0000ca7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 59 gp=0xc0000c9340 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000caef8 sp=0xc0000caed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cafa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000caf70 sp=0xc0000caef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000caf98 sp=0xc0000caf70 pc=0x406b92
main.groupWait(0x0?, 0x1e)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cafc0 sp=0xc0000caf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cafe0 sp=0xc0000cafc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cafe8 sp=0xc0000cafe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 60 gp=0xc0000c9500 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cb6f8 sp=0xc0000cb6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cb7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cb770 sp=0xc0000cb6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cb798 sp=0xc0000cb770 pc=0x406b92
main.groupWait(0x0?, 0x1f)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cb7c0 sp=0xc0000cb798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cb7e0 sp=0xc0000cb7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cb7e8 sp=0xc0000cb7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 61 gp=0xc0000c96c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cbef8 sp=0xc0000cbed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cbfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cbf70 sp=0xc0000cbef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cbf98 sp=0xc0000cbf70 pc=0x406b92
main.groupWait(0x0?, 0x20)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cbfc0 sp=0xc0000cbf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cbfe0 sp=0xc0000cbfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cbfe8 sp=0xc0000cbfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 62 gp=0xc0000c9880 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cc6f8 sp=0xc0000cc6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cc7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cc770 sp=0xc0000cc6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cc798 sp=0xc0000cc770 pc=0x406b92
main.groupWait(0x0?, 0x21)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cc7c0 sp=0xc0000cc798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cc7e0 sp=0xc0000cc7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cc7e8 sp=0xc0000cc7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 63 gp=0xc0000c9a40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ccef8 sp=0xc0000cced8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000ccfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000ccf70 sp=0xc0000ccef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000ccf98 sp=0xc0000ccf70 pc=0x406b92
main.groupWait(0x0?, 0x22)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000ccfc0 sp=0xc0000ccf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000ccfe0 sp=0xc0000ccfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000ccfe8 sp=0xc0000ccfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 64 gp=0xc0000c9c00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cd6f8 sp=0xc0000cd6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cd7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cd770 sp=0xc0000cd6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cd798 sp=0xc0000cd770 pc=0x406b92
main.groupWait(0x0?, 0x23)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cd7c0 sp=0xc0000cd798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cd7e0 sp=0xc0000cd7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cd7e8 sp=0xc0000cd7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 65 gp=0xc0000c9dc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000cdef8 sp=0xc0000cded8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000cdfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000cdf70 sp=0xc0000cdef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000cdf98 sp=0xc0000cdf70 pc=0x406b92
main.groupWait(0x0?, 0x24)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000cdfc0 sp=0xc0000cdf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000cdfe0 sp=0xc0000cdfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000cdfe8 sp=0xc0000cdfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 66 gp=0xc0000d4000 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000da6f8 sp=0xc0000da6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000da7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000da770 sp=0xc0000da6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000da798 sp=0xc0000da770 pc=0x406b92
main.groupWait(0x0?, 0x25)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000da7c0 sp=0xc0000da798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000da7e0 sp=0xc0000da7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000da7e8 sp=0xc0000da7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 67 gp=0xc0000d41c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000daef8 sp=0xc0000daed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000dafa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000daf70 sp=0xc0000daef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000daf98 sp=0xc0000daf70 pc=0x406b92
main.groupWait(0x0?, 0x26)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000dafc0 sp=0xc0000daf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000dafe0 sp=0xc0000dafc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000dafe8 sp=0xc0000dafe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 68 gp=0xc0000d4380 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000db6f8 sp=0xc0000db6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000db7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000db770 sp=0xc0000db6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000db798 sp=0xc0000db770 pc=0x406b92
main.groupWait(0x0?, 0x27)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000db7c0 sp=0xc0000db798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000db7e0 sp=0xc0000db7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000db7e8 sp=0xc0000db7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 69 gp=0xc0000d4540 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000dbef8 sp=0xc0000dbed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000dbfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000dbf70 sp=0xc0000dbef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000dbf98 sp=0xc0000dbf70 pc=0x406b92
main.groupWait(0x0?, 0x28)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000dbfc0 sp=0xc0000dbf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000dbfe0 sp=0xc0000dbfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000dbfe8 sp=0xc0000dbfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 70 gp=0xc0000d4700 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000dc6f8 sp=0xc0000dc6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000dc7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000dc770 sp=0xc0000dc6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000dc798 sp=0xc0000dc770 pc=0x406b92
main.groupWait(0x0?, 0x29)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000dc7c0 sp=0xc0000dc798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000dc7e0 sp=0xc0000dc7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000dc7e8 sp=0xc0000dc7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 71 gp=0xc0000d48c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000dcef8 sp=0xc0000dced8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000dcfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000dcf70 sp=0xc0000dcef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000dcf98 sp=0xc0000dcf70 pc=0x406b92
main.groupWait(0x0?, 0x2a)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000dcfc0 sp=0xc0000dcf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000dcfe0 sp=0xc0000dcfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000dcfe8 sp=0xc0000dcfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 72 gp=0xc0000d4a80 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000dd6f8 sp=0xc0000dd6d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000dd7a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000dd770 sp=0xc0000dd6f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000dd798 sp=0xc0000dd770 pc=0x406b92
main.groupWait(0x0?, 0x2b)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000dd7c0 sp=0xc0000dd798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000dd7e0 sp=0xc0000dd7c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000dd7e8 sp=0xc0000dd7e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 73 gp=0xc0000d4c40 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000ddef8 sp=0xc0000dded8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000ddfa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000ddf70 sp=0xc0000ddef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000ddf98 sp=0xc0000ddf70 pc=0x406b92
main.groupWait(0x0?, 0x2c)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000ddfc0 sp=0xc0000ddf98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000ddfe0 sp=0xc0000ddfc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000ddfe8 sp=0xc0000ddfe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 74 gp=0xc0000d4e00 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d66f8 sp=0xc0000d66d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d67a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d6770 sp=0xc0000d66f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d6798 sp=0xc0000d6770 pc=0x406b92
main.groupWait(0x0?, 0x2d)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d67c0 sp=0xc0000d6798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d67e0 sp=0xc0000d67c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d67e8 sp=0xc0000d67e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 75 gp=0xc0000d4fc0 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d6ef8 sp=0xc0000d6ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d6fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d6f70 sp=0xc0000d6ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d6f98 sp=0xc0000d6f70 pc=0x406b92
main.groupWait(0x0?, 0x2e)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d6fc0 sp=0xc0000d6f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d6fe0 sp=0xc0000d6fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d6fe8 sp=0xc0000d6fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 76 gp=0xc0000d5180 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d76f8 sp=0xc0000d76d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d77a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d7770 sp=0xc0000d76f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d7798 sp=0xc0000d7770 pc=0x406b92
main.groupWait(0x0?, 0x2f)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d77c0 sp=0xc0000d7798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d77e0 sp=0xc0000d77c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d77e8 sp=0xc0000d77e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 77 gp=0xc0000d5340 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d7ef8 sp=0xc0000d7ed8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d7fa8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d7f70 sp=0xc0000d7ef8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d7f98 sp=0xc0000d7f70 pc=0x406b92
main.groupWait(0x0?, 0x30)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d7fc0 sp=0xc0000d7f98 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d7fe0 sp=0xc0000d7fc0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d7fe8 sp=0xc0000d7fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 78 gp=0xc0000d5500 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d86f8 sp=0xc0000d86d8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0xc0000d87a8, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d8770 sp=0xc0000d86f8 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d8798 sp=0xc0000d8770 pc=0x406b92
main.groupWait(0x0?, 0x31)
	example.com/scenarios/main.go:163 +0x26 fp=0xc0000d87c0 sp=0xc0000d8798 pc=0x4f07a6
main.main.func21()
	example.com/scenarios/main.go:296 +0x1e fp=0xc0000d87e0 sp=0xc0000d87c0 pc=0x4f1a5e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d87e8 sp=0xc0000d87e0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 79 gp=0xc0000d56c0 m=nil [chan receive]:
runtime.gopark(0x0?, 0xc000064000?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d8f00 sp=0xc0000d8ee0 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d8f78 sp=0xc0000d8f00 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d8fa0 sp=0xc0000d8f78 pc=0x406b92
main.spawner(0xc0000700c0, 0xc0000702a0)
	example.com/scenarios/main.go:175 +0x71 fp=0xc0000d8fc0 sp=0xc0000d8fa0 pc=0x4f08f1
main.main.func22()
	example.com/scenarios/main.go:307 +0x1e fp=0xc0000d8fe0 sp=0xc0000d8fc0 pc=0x4f1a1e
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d8fe8 sp=0xc0000d8fe0 pc=0x46aba1
created by main.spawn in goroutine 1
	example.com/scenarios/main.go:51 +0x4b

goroutine 80 gp=0xc0000d5880 m=nil [chan receive]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d9708 sp=0xc0000d96e8 pc=0x43a28e
runtime.chanrecv(0xc0000700c0, 0x0, 0x1)
	runtime/chan.go:583 +0x3bf fp=0xc0000d9780 sp=0xc0000d9708 pc=0x406f5f
runtime.chanrecv1(0x0?, 0x0?)
	runtime/chan.go:442 +0x12 fp=0xc0000d97a8 sp=0xc0000d9780 pc=0x406b92
main.spawnerChild(0x0?)
	example.com/scenarios/main.go:169 +0x15 fp=0xc0000d97c8 sp=0xc0000d97a8 pc=0x4f0855
main.spawner.gowrap1()
	example.com/scenarios/main.go:173 +0x25 fp=0xc0000d97e0 sp=0xc0000d97c8 pc=0x4f0945
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d97e8 sp=0xc0000d97e0 pc=0x46aba1
created by main.spawner in goroutine 79
	example.com/scenarios/main.go:173 +0x56

goroutine 81 gp=0xc0000d5a40 m=nil [GC worker (idle)]:
runtime.gopark(0x13f4de78d33?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc0000d9f50 sp=0xc0000d9f30 pc=0x43a28e
runtime.gcBgMarkWorker()
	runtime/mgc.go:1310 +0xe5 fp=0xc0000d9fe0 sp=0xc0000d9f50 pc=0x41c425
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0000d9fe8 sp=0xc0000d9fe0 pc=0x46aba1
created by runtime.gcBgMarkStartWorkers in goroutine 1
	runtime/mgc.go:1234 +0x1c

goroutine 97 gp=0xc00010c000 m=nil [GC worker (idle)]:
runtime.gopark(0x13f59f906b5?, 0x0?, 0x0?, 0x0?, 0x0?)
	runtime/proc.go:402 +0xce fp=0xc000112750 sp=0xc000112730 pc=0x43a28e
runtime.gcBgMarkWorker()
	runtime/mgc.go:1310 +0xe5 fp=0xc0001127e0 sp=0xc000112750 pc=0x41c425
runtime.goexit({})
	runtime/asm_amd64.s:1695 +0x1 fp=0xc0001127e8 sp=0xc0001127e0 pc=0x46aba1
created by runtime.gcBgMarkStartWorkers in goroutine 1
	runtime/mgc.go:1234 +0x1c
-- stderr
