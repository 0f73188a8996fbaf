/* Helpers shared by the C tests: a failed check prints where and the library's last error, and exits 1. */
#ifndef TEST_COMMON_H
#define TEST_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm.h"
#include "wasmsharp.h"

static inline void print_last_error(void) {
  wasm_message_t m;
  if (wasmsharp_last_error(&m)) {
    fprintf(stderr, "last error: %.*s\n", (int)m.size, m.data);
    wasm_byte_vec_delete(&m);
  }
}

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);       \
      print_last_error();                                                            \
      exit(1);                                                                       \
    }                                                                                \
  } while (0)

/* The text module compiled in the store's engine. */
static inline wasm_module_t* compile_wat(wasm_store_t* store, const char* wat) {
  wasm_byte_vec_t text, binary;
  wasm_byte_vec_new(&text, strlen(wat), wat);
  CHECK(wasmsharp_wat2wasm(&text, &binary));
  wasm_byte_vec_delete(&text);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  CHECK(module != NULL);
  return module;
}

static inline wasm_instance_t* instantiate(wasm_store_t* store, wasm_module_t* module, wasm_extern_t* const* items, size_t n) {
  wasm_extern_vec_t imports = {n, (wasm_extern_t**)items};
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  if (trap) {
    wasm_message_t m;
    wasm_trap_message(trap, &m);
    fprintf(stderr, "instantiation trapped: %s\n", m.data);
    wasm_byte_vec_delete(&m);
    wasm_trap_delete(trap);
  }
  CHECK(instance != NULL);
  return instance;
}

static inline wasm_func_t* export_func(const wasm_extern_vec_t* exports, size_t i) {
  CHECK(i < exports->size);
  wasm_func_t* f = wasm_extern_as_func(exports->data[i]);
  CHECK(f != NULL);
  return f;
}

/* Whether the trap's message is `expected`; deletes the trap. */
static inline int trap_says(wasm_trap_t* trap, const char* expected) {
  if (!trap) return 0;
  wasm_message_t m;
  wasm_trap_message(trap, &m);
  int same = m.size == strlen(expected) + 1 && memcmp(m.data, expected, m.size) == 0;
  if (!same) fprintf(stderr, "trap message: \"%.*s\", expected \"%s\"\n", (int)m.size, m.data, expected);
  wasm_byte_vec_delete(&m);
  wasm_trap_delete(trap);
  return same;
}

static inline int32_t call_i32(const wasm_func_t* f, wasm_val_t* args, size_t n) {
  wasm_val_vec_t a = {n, args};
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  wasm_trap_t* trap = wasm_func_call(f, &a, &rs);
  CHECK(trap == NULL);
  CHECK(r[0].kind == WASM_I32);
  return r[0].of.i32;
}

/* What most tests start from and end with: an engine and store, and one module instantiated with its exports
 * (the test fills module, instance and exports). */
typedef struct {
  wasm_engine_t* engine;
  wasm_store_t* store;
  wasm_module_t* module;
  wasm_instance_t* instance;
  wasm_extern_vec_t exports;
} fixture_t;

/* A fresh engine (made from config, which it takes, when not NULL) and store. */
static inline void fixture_open(fixture_t* fx, wasm_config_t* config) {
  memset(fx, 0, sizeof *fx);
  fx->engine = config ? wasm_engine_new_with_config(config) : wasm_engine_new();
  CHECK(fx->engine != NULL);
  fx->store = wasm_store_new(fx->engine);
  CHECK(fx->store != NULL);
}

/* Releases everything, last made first. */
static inline void fixture_close(fixture_t* fx) {
  wasm_extern_vec_delete(&fx->exports);
  wasm_instance_delete(fx->instance);
  wasm_module_delete(fx->module);
  wasm_store_delete(fx->store);
  wasm_engine_delete(fx->engine);
}

#endif
