/*
 * wasi.h — WASI preview 1 for C programs embedding WasmSharp, in the manner of Wasmtime's and Wasmer's wasi.h:
 * configure a guest, get its WASI imports for wasm_instance_new, bind the instance, run _start, read the exit code.
 *
 *   wasi_config_t* c = wasi_config_new();
 *   wasi_config_set_argv(c, argc, argv);            // nothing of the host is visible unless configured
 *   wasi_env_t* env = wasi_env_new(store, c);        // takes c
 *   wasm_extern_vec_t imports;
 *   wasi_get_imports(store, env, module, &imports);
 *   wasm_instance_t* inst = wasm_instance_new(store, module, &imports, &trap);
 *   wasi_env_initialize_instance(env, store, inst);
 *   wasm_func_t* start = wasi_get_start_function(inst);
 *   wasm_trap_t* t = wasm_func_call(start, &args, &results);   // NULL: exit code 0
 *   int code; if (t && wasi_trap_exit_code(t, &code)) ...       // proc_exit(code)
 *
 * Release: the trap, start, inst, imports (wasm_extern_vec_delete), then wasi_env_delete (it flushes and closes the
 * guest's streams), then the store.
 */
#ifndef WASI_H
#define WASI_H

#include "wasm.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wasi_config_t wasi_config_t;
typedef struct wasi_env_t wasi_env_t;

wasi_config_t* wasi_config_new(void);
void wasi_config_delete(wasi_config_t*);

/* Replaces the arguments; argv[0] is the program name the guest sees. */
bool wasi_config_set_argv(wasi_config_t*, int argc, const char* const argv[]);
/* Replaces the environment with envc NAME=VALUE pairs. */
bool wasi_config_set_env(wasi_config_t*, int envc, const char* const names[], const char* const values[]);
/* Adds the host process's environment. */
void wasi_config_inherit_env(wasi_config_t*);

/* Standard streams. Unset: stdin is empty, stdout and stderr are discarded. A file named for stdin must exist;
 * stdout/stderr files are created (truncated) when the environment is made. */
void wasi_config_inherit_stdin(wasi_config_t*);
void wasi_config_inherit_stdout(wasi_config_t*);
void wasi_config_inherit_stderr(wasi_config_t*);
bool wasi_config_set_stdin_file(wasi_config_t*, const char* path);
bool wasi_config_set_stdin_bytes(wasi_config_t*, const wasm_byte_vec_t* bytes); /* copied */
bool wasi_config_set_stdout_file(wasi_config_t*, const char* path);
bool wasi_config_set_stderr_file(wasi_config_t*, const char* path);

/* Lets the guest reach the host directory host_path under the name guest_path (e.g. "." or "/sandbox"). */
bool wasi_config_preopen_dir(wasi_config_t*, const char* host_path, const char* guest_path);

/* One guest's WASI state. Takes the config (deleted even when this fails and returns NULL). */
wasi_env_t* wasi_env_new(wasm_store_t*, wasi_config_t*);
void wasi_env_delete(wasi_env_t*);

/* The module's imports in order (new handles, for wasm_instance_new). false when an import is not a WASI function
 * of wasi_snapshot_preview1 or wasi_unstable. */
bool wasi_get_imports(const wasm_store_t*, wasi_env_t*, const wasm_module_t*, wasm_extern_vec_t* imports);
/* Points the WASI functions at the instance's exported "memory"; call it before running the guest. */
bool wasi_env_initialize_instance(wasi_env_t*, wasm_store_t*, wasm_instance_t*);
/* A new handle to the command's "_start", or NULL when it exports none. */
wasm_func_t* wasi_get_start_function(wasm_instance_t*);
/* true, with the code in *exit_code, when the trap is the guest's proc_exit. */
bool wasi_trap_exit_code(const wasm_trap_t*, int* exit_code);

#ifdef __cplusplus
}
#endif

#endif /* WASI_H */
