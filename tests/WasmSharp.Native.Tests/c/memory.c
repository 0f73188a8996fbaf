/* Memory: data/size/grow from C, Wasm seeing C's writes and the reverse, the maximum, out-of-bounds traps, and a
 * host-created memory imported by a module.
 * With the argument "explicit-bounds" the engine checks bounds with compares instead of guard pages: under
 * valgrind, the guard-page fault that implements the out-of-bounds trap is (rightly) reported as an invalid read. */
#include "common.h"

int main(int argc, char** argv) {
  wasm_config_t* config = wasm_config_new();
  if (argc > 1 && strcmp(argv[1], "explicit-bounds") == 0) wasmsharp_config_signal_bounds_checks_set(config, false);
  fixture_t fx;
  fixture_open(&fx, config);
  wasm_store_t* store = fx.store;
  fx.module = compile_wat(store,
      "(module"
      "  (memory (export \"mem\") 1 3)"
      "  (func (export \"load\") (param i32) (result i32) (i32.load (local.get 0)))"
      "  (func (export \"store\") (param i32 i32) (i32.store (local.get 0) (local.get 1)))"
      "  (func (export \"size\") (result i32) (memory.size))"
      "  (func (export \"grow\") (param i32) (result i32) (memory.grow (local.get 0)))"
      "  (data (i32.const 16) \"\\2a\\00\\00\\00\"))");
  fx.instance = instantiate(store, fx.module, NULL, 0);
  wasm_instance_exports(fx.instance, &fx.exports);
  wasm_memory_t* mem = wasm_extern_as_memory(fx.exports.data[0]);
  CHECK(mem != NULL);
  CHECK(wasm_memory_size(mem) == 1);
  CHECK(wasm_memory_data_size(mem) == 65536);

  byte_t* data = wasm_memory_data(mem);
  CHECK(data[16] == 42);
  data[100] = 7;
  wasm_val_t addr[1] = {WASM_I32_VAL(100)};
  CHECK(call_i32(export_func(&fx.exports, 1), addr, 1) == 7);

  wasm_val_t store_args[2] = {WASM_I32_VAL(200), WASM_I32_VAL(0x01020304)};
  wasm_val_vec_t sa = WASM_ARRAY_VEC(store_args), none = WASM_EMPTY_VEC;
  CHECK(wasm_func_call(export_func(&fx.exports, 2), &sa, &none) == NULL);
  CHECK(data[200] == 4 && data[203] == 1);

  CHECK(wasm_memory_grow(mem, 1));
  CHECK(wasm_memory_size(mem) == 2);
  CHECK(call_i32(export_func(&fx.exports, 3), NULL, 0) == 2);
  wasm_val_t one[1] = {WASM_I32_VAL(1)};
  CHECK(call_i32(export_func(&fx.exports, 4), one, 1) == 2);
  CHECK(wasm_memory_data_size(mem) == 3 * 65536);
  CHECK(!wasm_memory_grow(mem, 1)); /* past the maximum of 3 */
  CHECK(wasm_memory_data(mem) == data); /* the base never moves */
  data[3 * 65536 - 1] = 9;

  wasm_val_t oob[1] = {WASM_I32_VAL(3 * 65536 - 2)};
  wasm_val_vec_t oa = WASM_ARRAY_VEC(oob);
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  CHECK(trap_says(wasm_func_call(export_func(&fx.exports, 1), &oa, &rs), "out of bounds memory access"));

  /* a memory made by the host, imported */
  wasm_limits_t limits = {2, wasm_limits_max_default};
  wasm_memorytype_t* mt = wasm_memorytype_new(&limits);
  wasm_memory_t* host_mem = wasm_memory_new(store, mt);
  wasm_memorytype_delete(mt);
  CHECK(host_mem && wasm_memory_size(host_mem) == 2);
  wasm_module_t* user = compile_wat(store,
      "(module (import \"env\" \"m\" (memory 1))"
      "  (func (export \"peek\") (param i32) (result i32) (i32.load8_u (local.get 0))))");
  wasm_memory_data(host_mem)[70000] = 33;
  wasm_extern_t* imports[1] = {wasm_memory_as_extern(host_mem)};
  wasm_instance_t* user_instance = instantiate(store, user, imports, 1);
  wasm_extern_vec_t user_exports;
  wasm_instance_exports(user_instance, &user_exports);
  wasm_val_t at[1] = {WASM_I32_VAL(70000)};
  CHECK(call_i32(export_func(&user_exports, 0), at, 1) == 33);
  wasm_memorytype_t* got = wasm_memory_type(host_mem);
  CHECK(wasm_memorytype_limits(got)->min == 2 && wasm_memorytype_limits(got)->max == wasm_limits_max_default);
  wasm_memorytype_delete(got);

  wasm_extern_vec_delete(&user_exports);
  wasm_instance_delete(user_instance);
  wasm_module_delete(user);
  wasm_memory_delete(host_mem);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
