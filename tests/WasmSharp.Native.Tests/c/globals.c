/* Globals: a host global imported and changed by Wasm, exported globals read and written from C, and the errors
 * for writing an immutable global or a value of the wrong type. */
#include "common.h"

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  fx.module = compile_wat(store,
      "(module"
      "  (import \"env\" \"counter\" (global $c (mut i32)))"
      "  (global $k (export \"k\") f64 (f64.const 2.5))"
      "  (global $v (export \"v\") (mut i64) (i64.const -5))"
      "  (func (export \"bump\")"
      "    (global.set $c (i32.add (global.get $c) (i32.const 1)))"
      "    (global.set $v (i64.mul (global.get $v) (i64.const 2))))"
      "  (func (export \"get_v\") (result i64) (global.get $v)))");
  wasm_globaltype_t* gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_VAR);
  wasm_val_t init = WASM_I32_VAL(40);
  wasm_global_t* counter = wasm_global_new(store, gt, &init);
  wasm_globaltype_delete(gt);
  CHECK(counter != NULL);

  wasm_extern_t* imports[1] = {wasm_global_as_extern(counter)};
  fx.instance = instantiate(store, fx.module, imports, 1);
  wasm_instance_exports(fx.instance, &fx.exports);
  CHECK(fx.exports.size == 4);
  wasm_global_t* k = wasm_extern_as_global(fx.exports.data[0]);
  wasm_global_t* v = wasm_extern_as_global(fx.exports.data[1]);
  CHECK(k && v && wasm_extern_as_func(fx.exports.data[0]) == NULL);

  wasm_val_t none_args[1];
  wasm_val_vec_t none = {0, none_args};
  CHECK(wasm_func_call(export_func(&fx.exports, 2), &none, &none) == NULL);
  CHECK(wasm_func_call(export_func(&fx.exports, 2), &none, &none) == NULL);

  wasm_val_t got;
  wasm_global_get(counter, &got);
  CHECK(got.kind == WASM_I32 && got.of.i32 == 42);
  wasm_global_get(k, &got);
  CHECK(got.kind == WASM_F64 && got.of.f64 == 2.5);
  wasm_global_get(v, &got);
  CHECK(got.kind == WASM_I64 && got.of.i64 == -20);

  wasm_val_t set = WASM_I64_VAL(1000);
  wasm_global_set(v, &set);
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  CHECK(wasm_func_call(export_func(&fx.exports, 3), &none, &rs) == NULL);
  CHECK(r[0].kind == WASM_I64 && r[0].of.i64 == 1000);

  /* immutable: unchanged, with an error */
  wasm_val_t other = WASM_F64_VAL(9.0);
  wasm_global_set(k, &other);
  wasm_global_get(k, &got);
  CHECK(got.of.f64 == 2.5);
  wasm_message_t err;
  CHECK(wasmsharp_last_error(&err));
  wasm_byte_vec_delete(&err);
  /* wrong type: unchanged */
  wasm_val_t wrong = WASM_F32_VAL(1.0f);
  wasm_global_set(counter, &wrong);
  wasm_global_get(counter, &got);
  CHECK(got.of.i32 == 42);

  wasm_globaltype_t* vt = wasm_global_type(v);
  CHECK(wasm_valtype_kind(wasm_globaltype_content(vt)) == WASM_I64 && wasm_globaltype_mutability(vt) == WASM_VAR);
  wasm_globaltype_delete(vt);

  wasm_global_delete(counter);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
