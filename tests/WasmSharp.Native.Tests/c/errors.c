/* Wrong input gives an error, not a crash: NULL and mistyped handles, malformed modules, wrong imports and
 * arguments; and interruption by a deadline and from another thread. */
#include <pthread.h>
#include <unistd.h>
#include "common.h"

static int has_error(const char* fragment) {
  wasm_message_t m;
  if (!wasmsharp_last_error(&m)) return 0;
  int found = strstr(m.data, fragment) != NULL;
  if (!found) fprintf(stderr, "last error \"%s\" lacks \"%s\"\n", m.data, fragment);
  wasm_byte_vec_delete(&m);
  return found;
}

static void* interrupt_later(void* store) {
  usleep(100 * 1000);
  wasmsharp_store_interrupt(store);
  return NULL;
}

int main(void) {
  wasm_config_t* config = wasm_config_new();
  CHECK(!wasmsharp_config_compiler_set(config, "cranelift") && has_error("unknown compiler"));
  CHECK(wasmsharp_config_compiler_set(config, "singlepass"));
  CHECK(!wasmsharp_config_cpu_set(config, "mmx"));
  CHECK(wasmsharp_config_cpu_set(config, "sse4.2"));
  CHECK(!wasmsharp_config_max_wasm_stack_set(config, 1));
  wasm_engine_t* engine = wasm_engine_new_with_config(config);
  CHECK(engine != NULL);
  CHECK(wasm_store_new(NULL) == NULL && has_error("NULL"));
  wasm_store_t* store = wasm_store_new(engine);

  /* malformed and invalid binaries */
  wasm_byte_vec_t junk;
  wasm_byte_vec_new(&junk, 4, "\0asx");
  CHECK(wasm_module_new(store, &junk) == NULL);
  CHECK(!wasm_module_validate(store, &junk));
  wasm_byte_vec_delete(&junk);
  CHECK(wasm_module_new(store, NULL) == NULL);
  wasm_byte_vec_t text, binary;
  wasm_name_new_from_string(&text, "(module (func (result i32) (i64.const 1)))");
  CHECK(wasmsharp_wat2wasm(&text, &binary));
  wasm_byte_vec_delete(&text);
  CHECK(!wasm_module_validate(store, &binary));
  CHECK(wasm_module_new(store, &binary) == NULL);
  wasm_byte_vec_delete(&binary);
  wasm_name_new_from_string(&text, "(module (func $f (i32.const)))");
  CHECK(!wasmsharp_wat2wasm(&text, &binary));
  wasm_byte_vec_delete(&text);

  /* handles of the wrong kind */
  wasm_module_t* module = compile_wat(store,
      "(module (import \"env\" \"f\" (func (param i32)))"
      "  (func (export \"id\") (param i32) (result i32) (local.get 0))"
      "  (func (export \"spin\") (loop $l (br $l))))");
  CHECK(wasm_instance_new((wasm_store_t*)module, module, NULL, NULL) == NULL && has_error("expected a wasm_store_t"));
  wasm_extern_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, module, &none, &trap) == NULL);
  CHECK(trap_says(trap, "the module has 1 imports, 0 were given"));
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t gv = WASM_I32_VAL(1);
  wasm_global_t* global = wasm_global_new(store, gt, &gv);
  wasm_globaltype_delete(gt);
  wasm_extern_t* wrong[1] = {wasm_global_as_extern(global)};
  wasm_extern_vec_t wrong_vec = {1, wrong};
  CHECK(wasm_instance_new(store, module, &wrong_vec, &trap) == NULL);
  CHECK(trap_says(trap, "incompatible import type: \"env\" \"f\": expected a func, got a global"));
  CHECK(wasm_extern_as_func(wasm_global_as_extern(global)) == NULL);
  wasm_func_delete((wasm_func_t*)global); /* wrong kind: refused, nothing freed */
  CHECK(has_error("expected a wasm_func_t"));

  /* an instance with a matching import, then calls with wrong arguments */
  wasm_functype_t* ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t* null_callback = wasm_func_new(store, ft, NULL);
  CHECK(null_callback == NULL);
  wasm_functype_delete(ft);
  wasm_module_t* plain = compile_wat(store,
      "(module (func (export \"id\") (param i32) (result i32) (local.get 0))"
      "  (func (export \"spin\") (loop $l (br $l))))");
  wasm_engine_t* engine2 = wasm_engine_new();
  wasm_store_t* store2 = wasm_store_new(engine2);
  CHECK(wasm_instance_new(store2, plain, &none, &trap) == NULL); /* a module belongs to its engine */
  CHECK(trap_says(trap, "the module was compiled by another engine than the store's"));
  wasm_store_delete(store2);
  wasm_engine_delete(engine2);
  wasm_instance_t* instance = instantiate(store, plain, NULL, 0);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_vec_t novals = WASM_EMPTY_VEC;
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  wasm_val_t f64arg[1] = {WASM_F64_VAL(1.0)};
  wasm_val_vec_t fa = WASM_ARRAY_VEC(f64arg);
  CHECK(trap_says(wasm_func_call(export_func(&exports, 0), &fa, &rs), "expected a i32 value, got f64"));
  CHECK(trap_says(wasm_func_call(export_func(&exports, 0), &novals, &rs), "expected 1 arguments, got 0"));
  wasm_trap_t* null_trap = wasm_func_call(NULL, &novals, &novals);
  CHECK(null_trap != NULL);
  wasm_trap_delete(null_trap);

  /* interruption: a deadline, then another thread */
  wasmsharp_store_deadline_set(store, 100);
  CHECK(trap_says(wasm_func_call(export_func(&exports, 1), &novals, &novals), "interrupted"));
  pthread_t thread;
  pthread_create(&thread, NULL, interrupt_later, store);
  CHECK(trap_says(wasm_func_call(export_func(&exports, 1), &novals, &novals), "interrupted"));
  pthread_join(thread, NULL);
  wasm_val_t five[1] = {WASM_I32_VAL(5)};
  CHECK(call_i32(export_func(&exports, 0), five, 1) == 5); /* the store runs again afterwards */

  /* deleting NULL is allowed */
  wasm_module_delete(NULL);
  wasm_valtype_delete(NULL);
  wasm_byte_vec_delete(NULL);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(plain);
  wasm_global_delete(global);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("ok");
  return 0;
}
