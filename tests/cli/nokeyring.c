/* nokeyring.c: run a command with the kernel keyring refused, as some containers refuse it: a
 * seccomp filter makes add_key, request_key and keyctl fail with ENOSYS (or the errno named
 * by -e), for the command and everything it starts. The tests run under it so that no token
 * reaches the keyring of whoever runs them, and tokencache.sh uses it to prove the fallback
 * to memory through the real code path.
 *   nokeyring [-e EPERM|ENOSYS|EACCES] COMMAND [ARG]... */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define NATIVE_ARCH AUDIT_ARCH_I386
#elif defined(__arm__)
#define NATIVE_ARCH AUDIT_ARCH_ARM
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define NATIVE_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define NATIVE_ARCH AUDIT_ARCH_S390X
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ARCH AUDIT_ARCH_RISCV64
#endif

int main(int argc, char **argv)
{
    int err = ENOSYS, first = 1;
    if (argc > 2 && !strcmp(argv[1], "-e")) {
        if (!strcmp(argv[2], "EPERM"))
            err = EPERM;
        else if (!strcmp(argv[2], "EACCES"))
            err = EACCES;
        else if (strcmp(argv[2], "ENOSYS")) {
            fprintf(stderr, "nokeyring: -e takes EPERM, EACCES or ENOSYS\n");
            return 2;
        }
        first = 3;
    }
    if (first >= argc) {
        fprintf(stderr, "usage: nokeyring [-e EPERM|ENOSYS|EACCES] COMMAND [ARG]...\n");
        return 2;
    }
#ifdef NATIVE_ARCH
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_add_key, 3, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_request_key, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_keyctl, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA)),
    };
    struct sock_fprog prog = {.len = sizeof(filter) / sizeof(filter[0]), .filter = filter};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
        fprintf(stderr, "nokeyring: cannot install the seccomp filter: %s\n", strerror(errno));
        return 77;
    }
    /* prove it: the user keyring's ID must now be refused */
    if (syscall(__NR_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -4 /* KEY_SPEC_USER_KEYRING */, 0) !=
            -1 ||
        errno != err) {
        fprintf(stderr, "nokeyring: the filter did not refuse keyctl\n");
        return 77;
    }
#else
    fprintf(stderr, "nokeyring: no seccomp filter for this architecture\n");
    return 77;
#endif
    execvp(argv[first], argv + first);
    fprintf(stderr, "nokeyring: %s: %s\n", argv[first], strerror(errno));
    return 127;
}
