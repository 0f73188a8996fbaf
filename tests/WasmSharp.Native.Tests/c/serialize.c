/* wasm_module_serialize / wasm_module_deserialize: the artifact loads without compiling and runs like the module
 * (calls, data segments, traps); a damaged artifact or one made under other engine settings is refused. */
#include "common.h"

static const char* const Wat =
    "(module"
    "  (memory (export \"mem\") 1)"
    "  (data (i32.const 16) \"\\2a\")"
    "  (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))"
    "  (func (export \"load\") (param i32) (result i32) (i32.load8_u (local.get 0)))"
    "  (func (export \"boom\") (unreachable)))";

/* Deserialize must fail, with a reason. */
static void refused(wasm_store_t* store, const wasm_byte_vec_t* artifact) {
  CHECK(wasm_module_deserialize(store, artifact) == NULL);
  wasm_message_t m;
  CHECK(wasmsharp_last_error(&m));
  CHECK(m.size > 0);
  wasm_byte_vec_delete(&m);
}

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_module_t* compiled = compile_wat(fx.store, Wat);
  wasm_byte_vec_t artifact;
  wasm_module_serialize(compiled, &artifact);
  CHECK(artifact.size > 0);
  wasm_module_delete(compiled);

  fx.module = wasm_module_deserialize(fx.store, &artifact);
  CHECK(fx.module != NULL);
  fx.instance = instantiate(fx.store, fx.module, NULL, 0);
  wasm_instance_exports(fx.instance, &fx.exports);
  CHECK(fx.exports.size == 4);
  wasm_val_t args[2] = {WASM_I32_VAL(2), WASM_I32_VAL(3)};
  CHECK(call_i32(export_func(&fx.exports, 1), args, 2) == 5);
  wasm_val_t at[1] = {WASM_I32_VAL(16)};
  CHECK(call_i32(export_func(&fx.exports, 2), at, 1) == 42);
  wasm_val_vec_t none = WASM_EMPTY_VEC, no_results = WASM_EMPTY_VEC;
  CHECK(trap_says(wasm_func_call(export_func(&fx.exports, 3), &none, &no_results), "unreachable"));

  /* one flipped byte in the middle: the checksum catches it */
  artifact.data[artifact.size / 2] ^= 0x40;
  refused(fx.store, &artifact);
  artifact.data[artifact.size / 2] ^= 0x40;
  /* cut short */
  wasm_byte_vec_t truncated;
  wasm_byte_vec_new(&truncated, artifact.size - 1, artifact.data);
  refused(fx.store, &truncated);
  wasm_byte_vec_delete(&truncated);

  /* an engine whose code differs (explicit bounds checks) does not take it */
  wasm_config_t* config = wasm_config_new();
  wasmsharp_config_signal_bounds_checks_set(config, false);
  fixture_t other;
  fixture_open(&other, config);
  refused(other.store, &artifact);
  fixture_close(&other);

  wasm_byte_vec_delete(&artifact);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
