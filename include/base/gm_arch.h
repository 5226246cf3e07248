/* gm_arch: the target architectures gomortem reads (linux/amd64 and
 * linux/arm64), described once: ELF machine number, names, pointer size,
 * how a call leaves its return address, and where a thread's registers
 * play each role (pc, sp, fp, lr, the g register). Every layer asks this
 * header instead of testing the architecture itself (docs/architecture.md,
 * "Architectures"). No knowledge of Go's structures: only the ISA and the
 * Linux ABI. */
#ifndef GM_ARCH_H
#define GM_ARCH_H
#include <stdbool.h>
#include <stdint.h>

enum gm_arch {
	GM_ARCH_UNKNOWN = 0,
	GM_ARCH_AMD64,   /* EM_X86_64 (62) */
	GM_ARCH_ARM64,   /* EM_AARCH64 (183) */
};

#define GM_EM_X86_64 62
#define GM_EM_AARCH64 183

static inline enum gm_arch gm_arch_from_machine(uint16_t machine)
{
	return machine == GM_EM_X86_64 ? GM_ARCH_AMD64 : machine == GM_EM_AARCH64 ? GM_ARCH_ARM64 : GM_ARCH_UNKNOWN;
}

/* The architecture gomortem itself runs on (live targets are this one). */
#if defined(__x86_64__)
#define GM_ARCH_HOST GM_ARCH_AMD64
#elif defined(__aarch64__)
#define GM_ARCH_HOST GM_ARCH_ARM64
#else
#define GM_ARCH_HOST GM_ARCH_UNKNOWN
#endif

/* GOARCH spelling: "amd64", "arm64" ("unknown" otherwise). */
static inline const char *gm_arch_name(enum gm_arch a)
{
	return a == GM_ARCH_AMD64 ? "amd64" : a == GM_ARCH_ARM64 ? "arm64" : "unknown";
}

/* The ELF spelling for messages: "x86-64", "AArch64". */
static inline const char *gm_arch_elf_name(enum gm_arch a)
{
	return a == GM_ARCH_AMD64 ? "x86-64" : a == GM_ARCH_ARM64 ? "AArch64" : "unknown";
}

/* A link-register architecture (Go's sys.MinFrameSize > 0, usesLR in
 * traceback.go): CALL leaves the return address in a register, the callee's
 * prologue saves it at 0(SP) of its own frame. amd64 pushes it on the stack
 * (at fp-8). */
static inline bool gm_arch_uses_lr(enum gm_arch a)
{
	return a == GM_ARCH_ARM64;
}

/* Bytes between a frame's SP and its arguments area on an LR machine
 * (sys.MinFrameSize: the saved LR slot), 0 on amd64. */
static inline unsigned gm_arch_min_frame_size(enum gm_arch a)
{
	return a == GM_ARCH_ARM64 ? 8 : 0;
}

/* Registers by role, as every layer uses them (set by the target layer from
 * the architecture's own register set). */
struct gm_regroles {
	uint64_t pc, sp;
	uint64_t fp;   /* rbp / x29 */
	uint64_t lr;   /* x30 on arm64; 0 on amd64 */
	uint64_t g;    /* Go's g register: r14 (amd64, ABIInternal) / x28 (arm64) */
};

#endif
