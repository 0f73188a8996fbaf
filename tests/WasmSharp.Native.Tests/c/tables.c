/* Tables: an exported funcref table read, written (with a host function) and grown from C, call_indirect
 * through it, null and out-of-range elements, references compared, and a host-made externref table. */
#include "common.h"

static wasm_trap_t* seven(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = 7;
  return NULL;
}

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  fx.module = compile_wat(store,
      "(module"
      "  (type $t (func (result i32)))"
      "  (table (export \"tab\") 3 10 funcref)"
      "  (func $one (result i32) (i32.const 1))"
      "  (func $two (result i32) (i32.const 2))"
      "  (elem (i32.const 0) $one $two)"
      "  (func (export \"call_at\") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))");
  fx.instance = instantiate(store, fx.module, NULL, 0);
  wasm_instance_exports(fx.instance, &fx.exports);
  wasm_table_t* table = wasm_extern_as_table(fx.exports.data[0]);
  wasm_func_t* call_at = export_func(&fx.exports, 1);
  CHECK(table && wasm_table_size(table) == 3);

  wasm_ref_t* r0 = wasm_table_get(table, 0);
  CHECK(r0 != NULL);
  wasm_func_t* f0 = wasm_ref_as_func(r0);
  CHECK(f0 && call_i32(f0, NULL, 0) == 1);
  wasm_ref_t* r0again = wasm_table_get(table, 0);
  CHECK(wasm_ref_same(r0, r0again));
  wasm_ref_delete(r0again);
  CHECK(wasm_table_get(table, 2) == NULL);  /* null element */
  CHECK(wasm_table_get(table, 99) == NULL); /* out of range */

  wasm_functype_t* ft = wasm_functype_new_0_1(wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, ft, seven);
  wasm_functype_delete(ft);
  CHECK(wasm_table_set(table, 2, wasm_func_as_ref(host)));
  wasm_val_t i2[1] = {WASM_I32_VAL(2)};
  CHECK(call_i32(call_at, i2, 1) == 7);
  CHECK(!wasm_table_set(table, 3, wasm_func_as_ref(host)));

  CHECK(wasm_table_grow(table, 2, r0));
  CHECK(wasm_table_size(table) == 5);
  wasm_val_t i4[1] = {WASM_I32_VAL(4)};
  CHECK(call_i32(call_at, i4, 1) == 1);
  CHECK(!wasm_table_grow(table, 6, NULL)); /* past the maximum of 10 */
  wasm_val_t i9[1] = {WASM_I32_VAL(9)};
  wasm_val_vec_t a9 = WASM_ARRAY_VEC(i9);
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  CHECK(trap_says(wasm_func_call(call_at, &a9, &rs), "undefined element"));

  wasm_tabletype_t* tt = wasm_table_type(table);
  CHECK(wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_FUNCREF);
  CHECK(wasm_tabletype_limits(tt)->min == 5 && wasm_tabletype_limits(tt)->max == 10);
  wasm_tabletype_delete(tt);

  /* an externref table holding a foreign object */
  wasm_limits_t limits = {2, 4};
  wasm_tabletype_t* xt = wasm_tabletype_new(wasm_valtype_new_anyref(), &limits);
  wasm_foreign_t* foreign = wasm_foreign_new(store);
  wasm_table_t* xtab = wasm_table_new(store, xt, NULL);
  wasm_tabletype_delete(xt);
  CHECK(xtab && wasm_table_set(xtab, 1, wasm_foreign_as_ref(foreign)));
  wasm_ref_t* back = wasm_table_get(xtab, 1);
  CHECK(back && wasm_ref_same(back, wasm_foreign_as_ref(foreign)));
  CHECK(wasm_ref_as_foreign(back) != NULL && wasm_ref_as_func(back) == NULL);
  wasm_ref_delete(back);
  CHECK(!wasm_table_set(table, 0, wasm_foreign_as_ref(foreign))); /* a funcref table takes functions only */

  wasm_table_delete(xtab);
  wasm_foreign_delete(foreign);
  wasm_ref_delete(r0);
  wasm_func_delete(host);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
