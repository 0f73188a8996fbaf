/* Embedding WasmSharp in C: compile a module, give it a host function, call an export, release everything.
 * Build: see the README ("The C API"). */
#include <stdio.h>
#include <string.h>

#include "wasm.h"
#include "wasmsharp.h"

/* A host function: (param i32) -> (). It could return a wasm_trap_t* to stop the Wasm code. */
static wasm_trap_t* log_i32(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)results;
  printf("log: %d\n", args->data[0].of.i32);
  return NULL;
}

int main(void) {
  const char* wat =
      "(module (import \"env\" \"log\" (func $log (param i32)))"
      "  (func (export \"add\") (param i32 i32) (result i32)"
      "    (call $log (local.get 0)) (i32.add (local.get 0) (local.get 1))))";
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);

  wasm_byte_vec_t text, binary; /* or read a .wasm file into binary */
  wasm_byte_vec_new(&text, strlen(wat), wat);
  if (!wasmsharp_wat2wasm(&text, &binary)) return 1;
  wasm_byte_vec_delete(&text);
  wasm_module_t* module = wasm_module_new(store, &binary);
  wasm_byte_vec_delete(&binary);
  if (!module) return 1; /* wasmsharp_last_error says why */

  wasm_functype_t* log_type = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t* log = wasm_func_new(store, log_type, log_i32);
  wasm_functype_delete(log_type);
  wasm_extern_t* items[] = {wasm_func_as_extern(log)}; /* one per import, in import order */
  wasm_extern_vec_t imports = WASM_ARRAY_VEC(items);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  if (!instance) return 1; /* trap says why */

  wasm_extern_vec_t exports; /* in the module's export order */
  wasm_instance_exports(instance, &exports);
  const wasm_func_t* add = wasm_extern_as_func(exports.data[0]);
  wasm_val_t args[] = {WASM_I32_VAL(1), WASM_I32_VAL(2)};
  wasm_val_t results[1] = {WASM_INIT_VAL};
  wasm_val_vec_t arg_vec = WASM_ARRAY_VEC(args), result_vec = WASM_ARRAY_VEC(results);
  trap = wasm_func_call(add, &arg_vec, &result_vec);
  if (trap) {
    wasm_message_t message;
    wasm_trap_message(trap, &message);
    printf("trap: %s\n", message.data);
    wasm_byte_vec_delete(&message);
    wasm_trap_delete(trap);
  } else {
    printf("add(1, 2) = %d\n", results[0].of.i32);
  }

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(log);
  wasm_module_delete(module);
  wasm_store_delete(store); /* ends everything the store holds */
  wasm_engine_delete(engine);
  return 0;
}
