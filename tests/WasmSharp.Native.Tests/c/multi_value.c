/* Multi-value: a Wasm function with three results of mixed types, and a host function with two results called
 * from Wasm. */
#include "common.h"

static wasm_trap_t* divmod(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  int64_t a = args->data[0].of.i64, b = args->data[1].of.i64;
  results->data[0].kind = WASM_I64;
  results->data[0].of.i64 = a / b;
  results->data[1].kind = WASM_I64;
  results->data[1].of.i64 = a % b;
  return NULL;
}

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  fx.module = compile_wat(store,
      "(module"
      "  (import \"env\" \"divmod\" (func $divmod (param i64 i64) (result i64 i64)))"
      "  (func (export \"swap3\") (param i32 i64 f64) (result f64 i64 i32)"
      "    (local.get 2) (local.get 1) (local.get 0))"
      "  (func (export \"combine\") (param i64 i64) (result i64)"
      "    (call $divmod (local.get 0) (local.get 1))"
      "    (i64.add (i64.const 1000))"
      "    (i64.add)))");
  wasm_valtype_t* ps[2] = {wasm_valtype_new_i64(), wasm_valtype_new_i64()};
  wasm_valtype_t* rs[2] = {wasm_valtype_new_i64(), wasm_valtype_new_i64()};
  wasm_valtype_vec_t pv, rv;
  wasm_valtype_vec_new(&pv, 2, ps);
  wasm_valtype_vec_new(&rv, 2, rs);
  wasm_functype_t* ft = wasm_functype_new(&pv, &rv);
  wasm_func_t* host = wasm_func_new(store, ft, divmod);
  wasm_functype_delete(ft);
  wasm_extern_t* imports[1] = {wasm_func_as_extern(host)};
  fx.instance = instantiate(store, fx.module, imports, 1);
  wasm_instance_exports(fx.instance, &fx.exports);

  wasm_val_t args[3] = {WASM_I32_VAL(1), WASM_I64_VAL(-2), WASM_F64_VAL(3.5)};
  wasm_val_t res[3] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(args), resv = WASM_ARRAY_VEC(res);
  CHECK(wasm_func_call(export_func(&fx.exports, 0), &av, &resv) == NULL);
  CHECK(res[0].kind == WASM_F64 && res[0].of.f64 == 3.5);
  CHECK(res[1].kind == WASM_I64 && res[1].of.i64 == -2);
  CHECK(res[2].kind == WASM_I32 && res[2].of.i32 == 1);

  /* 47 / 5 = 9 rem 2; 9 + (2 + 1000) */
  wasm_val_t cargs[2] = {WASM_I64_VAL(47), WASM_I64_VAL(5)};
  wasm_val_t cres[1] = {WASM_INIT_VAL};
  wasm_val_vec_t cav = WASM_ARRAY_VEC(cargs), crv = WASM_ARRAY_VEC(cres);
  CHECK(wasm_func_call(export_func(&fx.exports, 1), &cav, &crv) == NULL);
  CHECK(cres[0].of.i64 == 1011);

  /* a results vec of the wrong size is a trap, not an overrun */
  wasm_val_vec_t short_results = {1, res};
  CHECK(trap_says(wasm_func_call(export_func(&fx.exports, 0), &av, &short_results), "expected a results vec of 3, got 1"));

  wasm_func_delete(host);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
