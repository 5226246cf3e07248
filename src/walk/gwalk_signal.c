/* The context of a running goroutine (src/walk/gwalk_internal.h): the
 * registers a signal's frame saved, or a live thread's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gm_gomap.h"
#include "gm_out.h"
#include "gwalk_internal.h"

/* A goroutine in _Grunning has no saved context in g.sched: the thread
 * running it was interrupted by a signal (the crash's SIGQUIT/SIGABRT), and
 * the kernel saved the interrupted registers in an rt_sigframe on the M's
 * signal stack (m.gsignal's stack, installed with sigaltstack).
 * amd64: a frame starts with its return address, sa_restorer
 * (runtime.sigreturn*), and its ucontext's mcontext holds rsp at +168 and
 * rip at +176 (x86-64 rt_sigframe: pretcode 8, uc_flags 8, uc_link 8,
 * uc_stack 24, then r8..rsp, rip).
 * arm64: the runtime sets no sa_restorer (the kernel returns through the
 * vDSO's), so the frame has no marker word; it is found by its ucontext
 * (rt_sigframe: siginfo 128 bytes, then the ucontext), whose uc_stack is
 * the signal stack itself: ss_sp = g.stack.lo and ss_size = hi - lo of
 * gsignal (the kernel's __save_altstack, qemu's target_save_altstack), at
 * +16 and +32; its sigcontext at +176 (uc_flags 8, uc_link 8, uc_stack 24,
 * uc_sigmask 8, 120 bytes of glibc's sigset, aligned to 16) holds
 * fault_address, regs[31] (x30 = LR at +8+240), sp (+256), pc (+264)
 * (arch/arm64/include/uapi/asm/{sigcontext,ucontext}.h; the runtime's
 * defs_linux_arm64.go).
 * The kernel puts the first signal's frame at the top of the alternate stack;
 * nested signals and older handlers leave frames below it, so the highest
 * frame between the thread's SP and the top whose saved sp lies inside the
 * goroutine's stack is the one that interrupted the goroutine. */
#define ARM64_UC_STACK_SP 16
#define ARM64_UC_STACK_SIZE 32
#define ARM64_UC_MCONTEXT 176
#define ARM64_UC_SIZE (ARM64_UC_MCONTEXT + 8 + 34 * 8)
bool gm_gwalk__find_signal_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				struct sigctx *ctx)
{
	const struct gm_layout *l = w->l;
	uint64_t procid, gsignal, slo, shi;
	bool arm64 = w->t->arch == GM_ARCH_ARM64;
	if (!arm64 && !w->sigreturn[0] && !w->sigreturn[1])
		return false;
	if (!m_addr || l->m_procid < 0 || l->m_gsignal < 0 ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)l->m_procid, &procid) ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)l->m_gsignal, &gsignal) || !gsignal ||
	    !gm_memsrc_u64(w->mem, gsignal + (uint64_t)l->g_stack_lo, &slo) ||
	    !gm_memsrc_u64(w->mem, gsignal + (uint64_t)l->g_stack_hi, &shi) || shi <= slo ||
	    shi - slo > (1u << 20))
		return false;
	const struct gm_thread *th = NULL;
	for (size_t i = 0; i < w->t->nthreads; i++)
		if ((uint64_t)w->t->threads[i].tid == procid)
			th = &w->t->threads[i];
	if (!th || th->r.sp < slo || th->r.sp >= shi)
		return false;
	uint64_t bottom = th->r.sp & ~7ull;
	if (arm64) {
		if (shi - slo < ARM64_UC_SIZE)
			return false;
		for (uint64_t u = (shi - ARM64_UC_SIZE) & ~7ull; u >= bottom && u >= slo; u -= 8) {
			uint64_t ss_sp, ss_size;
			if (!gm_memsrc_u64(w->mem, u + ARM64_UC_STACK_SP, &ss_sp) || ss_sp != slo ||
			    !gm_memsrc_u64(w->mem, u + ARM64_UC_STACK_SIZE, &ss_size) || ss_size != shi - slo)
				continue;
			uint64_t mc = u + ARM64_UC_MCONTEXT, sp, pc, lr;
			if (!gm_memsrc_u64(w->mem, mc + 8 + 31 * 8, &sp) ||
			    !gm_memsrc_u64(w->mem, mc + 8 + 32 * 8, &pc) ||
			    !gm_memsrc_u64(w->mem, mc + 8 + 30 * 8, &lr))
				continue;
			if (sp >= lo && sp < hi && gm_gwalk__pc_lookup(w, pc, true)->valid) {
				*ctx = (struct sigctx){.pc = pc, .sp = sp, .lr = lr};
				return true;
			}
		}
		return false;
	}
	for (uint64_t p = (shi - 184) & ~7ull; p >= bottom && p >= slo; p -= 8) {
		uint64_t ret, sp, pc;
		if (!gm_memsrc_u64(w->mem, p, &ret))
			continue;
		if (ret != w->sigreturn[0] && ret != w->sigreturn[1])
			continue;
		if (!gm_memsrc_u64(w->mem, p + 168, &sp) || !gm_memsrc_u64(w->mem, p + 176, &pc))
			continue;
		if (sp >= lo && sp < hi && gm_gwalk__pc_lookup(w, pc, true)->valid) {
			*ctx = (struct sigctx){.pc = pc, .sp = sp};
			return true;
		}
	}
	return false;
}

/* Live targets (t->threads_live_regs): the thread whose tid is m.procid was
 * stopped by ptrace; its pc/sp (and lr) are the goroutine's context when sp
 * lies on the goroutine's stack (not on g0's or gsignal's). */
bool gm_gwalk__live_thread_context(struct gm_gwalk *w, uint64_t m_addr, uint64_t lo, uint64_t hi,
				struct sigctx *ctx, bool core)
{
	uint64_t procid;
	if ((!core && !w->t->threads_live_regs) || !m_addr || w->l->m_procid < 0 ||
	    !gm_memsrc_u64(w->mem, m_addr + (uint64_t)w->l->m_procid, &procid))
		return false;
	for (size_t i = 0; i < w->t->nthreads; i++) {
		const struct gm_thread *th = &w->t->threads[i];
		if ((uint64_t)th->tid != procid || (!core && !th->regs_live))
			continue;
		if (th->r.sp < lo || th->r.sp >= hi)
			return false;
		*ctx = (struct sigctx){.pc = th->r.pc, .sp = th->r.sp, .lr = th->r.lr};
		return true;
	}
	return false;
}
