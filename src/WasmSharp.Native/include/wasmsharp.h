/*
 * wasmsharp.h — WasmSharp's extensions to the WebAssembly C API (wasm.h). Everything here is prefixed wasmsharp_.
 *
 * Not offered because the runtime does not have them yet: fuel metering, a deterministic mode, a choice of
 * compiler other than Singlepass (the CIL compiler needs Reflection.Emit, which a NativeAOT library lacks).
 */
#ifndef WASMSHARP_H
#define WASMSHARP_H

#include "wasm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The value kind a v128 value type reports (wasm_valkind_t has no standard number for it). */
#define WASMSHARP_V128 4

/* The message of the calling thread's last failure (a NULL/false result, a trap, a rejected argument), as a
 * wasm_message_t (NUL counted in its size; delete it with wasm_byte_vec_delete). false when there was none. */
bool wasmsharp_last_error(wasm_message_t* out);

/* The WebAssembly text format to the binary format. false (see wasmsharp_last_error) on malformed text. */
bool wasmsharp_wat2wasm(const wasm_byte_vec_t* text, wasm_byte_vec_t* out);

/* ---- engine settings (before wasm_engine_new_with_config) -------------------------------------------------------- */

/* "singlepass" is the one compiler of this library; any other name gives false. */
bool wasmsharp_config_compiler_set(wasm_config_t*, const char* name);
/* x86-64 instruction set for generated code: "auto" (what the CPU has; the WASMSHARP_CPU variable overrides it),
 * "sse4.2" or "avx". */
bool wasmsharp_config_cpu_set(wasm_config_t*, const char* level);
/* Stack a Wasm call may use before it traps with "call stack exhausted" (4 KiB to 2 GiB; default 1 MiB). */
bool wasmsharp_config_max_wasm_stack_set(wasm_config_t*, size_t bytes);
/* true (default): out-of-bounds accesses are caught by guard pages and a signal handler; false: a compare per access. */
void wasmsharp_config_signal_bounds_checks_set(wasm_config_t*, bool enabled);
/* true (default): loops check for interruption at every back-edge; false: only at function entry. */
void wasmsharp_config_interruptible_loops_set(wasm_config_t*, bool enabled);

/* ---- interruption --------------------------------------------------------------------------------------------------- */

/* Makes the store's running (or next) Wasm code trap with "interrupted". Safe from any thread. */
void wasmsharp_store_interrupt(wasm_store_t*);
/* Interrupts the store's code `milliseconds` from now (a timer thread calls wasmsharp_store_interrupt); 0 cancels.
 * If no Wasm code runs at that moment, the next call traps at once: cancel the deadline when the work is done. */
void wasmsharp_store_deadline_set(wasm_store_t*, uint64_t milliseconds);

#ifdef __cplusplus
}
#endif

#endif /* WASMSHARP_H */
