/* fuzz.h: what every harness in tests/fuzz defines (libFuzzer's entry point), and the helpers
 * they share. A harness is built twice: with libFuzzer (./configure --enable-fuzzing, clang:
 * tests/fuzz/fuzz_NAME, run by make fuzz) and, in every build, with replay.c's main
 * (tests/fuzz/replay_NAME, run by make check over tests/fuzz/corpus/NAME). */
#ifndef TENANTRY_FUZZ_H
#define TENANTRY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Run the code under test on one input; 0 (libFuzzer's "keep going"). A finding aborts. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A new NUL-terminated copy of the input (to free). */
char *fuzz_string(const uint8_t *data, size_t size);
/* Abort with a message when ok is false: what libFuzzer and the replay report as a crash. */
void fuzz_assert(int ok, const char *what);

#endif
