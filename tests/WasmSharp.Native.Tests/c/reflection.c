/* Type reflection: a module's imports and exports of every kind, in order, with their types; the types of live
 * externs; copies and extern-type conversions. */
#include "common.h"

static int name_is(const wasm_name_t* n, const char* s) { return n->size == strlen(s) && memcmp(n->data, s, n->size) == 0; }

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = compile_wat(store,
      "(module"
      "  (import \"a\" \"f\" (func (param i32 f32) (result i64)))"
      "  (import \"a\" \"g\" (global (mut f64)))"
      "  (import \"b\" \"t\" (table 1 5 externref))"
      "  (import \"b\" \"m\" (memory 2))"
      "  (func (export \"z_last\") (param i64))"
      "  (global (export \"y_const\") i32 (i32.const 1))"
      "  (export \"x_table\" (table 0))"
      "  (export \"w_mem\" (memory 0)))");

  wasm_importtype_vec_t imports;
  wasm_module_imports(module, &imports);
  CHECK(imports.size == 4);
  CHECK(name_is(wasm_importtype_module(imports.data[0]), "a") && name_is(wasm_importtype_name(imports.data[0]), "f"));
  const wasm_externtype_t* et = wasm_importtype_type(imports.data[0]);
  CHECK(wasm_externtype_kind(et) == WASM_EXTERN_FUNC);
  const wasm_functype_t* ft = wasm_externtype_as_functype_const(et);
  CHECK(ft && wasm_externtype_as_globaltype_const(et) == NULL);
  CHECK(wasm_functype_params(ft)->size == 2 && wasm_functype_results(ft)->size == 1);
  CHECK(wasm_valtype_kind(wasm_functype_params(ft)->data[1]) == WASM_F32);
  CHECK(wasm_valtype_kind(wasm_functype_results(ft)->data[0]) == WASM_I64);

  const wasm_globaltype_t* gt = wasm_externtype_as_globaltype_const(wasm_importtype_type(imports.data[1]));
  CHECK(gt && wasm_valtype_kind(wasm_globaltype_content(gt)) == WASM_F64 && wasm_globaltype_mutability(gt) == WASM_VAR);
  const wasm_tabletype_t* tt = wasm_externtype_as_tabletype_const(wasm_importtype_type(imports.data[2]));
  CHECK(tt && wasm_valtype_kind(wasm_tabletype_element(tt)) == WASM_ANYREF);
  CHECK(wasm_tabletype_limits(tt)->min == 1 && wasm_tabletype_limits(tt)->max == 5);
  const wasm_memorytype_t* mt = wasm_externtype_as_memorytype_const(wasm_importtype_type(imports.data[3]));
  CHECK(mt && wasm_memorytype_limits(mt)->min == 2 && wasm_memorytype_limits(mt)->max == wasm_limits_max_default);

  wasm_importtype_vec_t imports_copy;
  wasm_importtype_vec_copy(&imports_copy, &imports);
  CHECK(imports_copy.size == 4 && imports_copy.data[2] != imports.data[2]);
  CHECK(name_is(wasm_importtype_name(imports_copy.data[3]), "m"));
  wasm_importtype_vec_delete(&imports_copy);
  wasm_importtype_vec_delete(&imports);

  /* exports in module order, not sorted by name */
  wasm_exporttype_vec_t exports;
  wasm_module_exports(module, &exports);
  CHECK(exports.size == 4);
  CHECK(name_is(wasm_exporttype_name(exports.data[0]), "z_last"));
  CHECK(name_is(wasm_exporttype_name(exports.data[1]), "y_const"));
  CHECK(name_is(wasm_exporttype_name(exports.data[2]), "x_table"));
  CHECK(name_is(wasm_exporttype_name(exports.data[3]), "w_mem"));
  CHECK(wasm_externtype_kind(wasm_exporttype_type(exports.data[0])) == WASM_EXTERN_FUNC);
  CHECK(wasm_externtype_kind(wasm_exporttype_type(exports.data[1])) == WASM_EXTERN_GLOBAL);
  CHECK(wasm_externtype_kind(wasm_exporttype_type(exports.data[2])) == WASM_EXTERN_TABLE);
  CHECK(wasm_externtype_kind(wasm_exporttype_type(exports.data[3])) == WASM_EXTERN_MEMORY);
  wasm_exporttype_vec_delete(&exports);

  /* building types by hand, copying and converting them */
  wasm_functype_t* made = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_funcref(), wasm_valtype_new_f64());
  wasm_functype_t* copied = wasm_functype_copy(made);
  wasm_functype_delete(made);
  wasm_externtype_t* as_extern = wasm_functype_as_externtype(copied);
  CHECK(wasm_externtype_kind(as_extern) == WASM_EXTERN_FUNC && wasm_externtype_as_functype(as_extern) == copied);
  CHECK(wasm_externtype_as_memorytype(as_extern) == NULL);
  wasm_externtype_t* extern_copy = wasm_externtype_copy(as_extern);
  CHECK(wasm_valtype_kind(wasm_functype_params(wasm_externtype_as_functype(extern_copy))->data[1]) == WASM_FUNCREF);
  wasm_externtype_delete(extern_copy);
  wasm_functype_delete(copied);

  wasm_name_t mod_name, field_name;
  wasm_name_new_from_string(&mod_name, "env");
  wasm_name_new_from_string(&field_name, "x");
  wasm_limits_t lim = {1, 2};
  wasm_importtype_t* it = wasm_importtype_new(&mod_name, &field_name, wasm_memorytype_as_externtype(wasm_memorytype_new(&lim)));
  CHECK(name_is(wasm_importtype_module(it), "env"));
  wasm_importtype_delete(it);

  wasm_valtype_vec_t vts;
  wasm_valtype_vec_new_uninitialized(&vts, 3);
  vts.data[0] = wasm_valtype_new(WASM_I64);
  wasm_valtype_vec_delete(&vts); /* partly filled: the rest are NULL */
  CHECK(wasm_valtype_new(77) == NULL);

  /* the type of a live extern */
  wasm_module_t* small = compile_wat(store, "(module (func (export \"f\") (param f32 f32) (result f32) (local.get 0)))");
  wasm_instance_t* instance = instantiate(store, small, NULL, 0);
  wasm_extern_vec_t externs;
  wasm_instance_exports(instance, &externs);
  wasm_externtype_t* live = wasm_extern_type(externs.data[0]);
  CHECK(wasm_externtype_kind(live) == WASM_EXTERN_FUNC && wasm_extern_kind(externs.data[0]) == WASM_EXTERN_FUNC);
  CHECK(wasm_functype_params(wasm_externtype_as_functype(live))->size == 2);
  wasm_externtype_delete(live);
  wasm_functype_t* ftype = wasm_func_type(export_func(&externs, 0));
  CHECK(wasm_valtype_kind(wasm_functype_results(ftype)->data[0]) == WASM_F32);
  wasm_functype_delete(ftype);

  wasm_extern_vec_delete(&externs);
  wasm_instance_delete(instance);
  wasm_module_delete(small);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("ok");
  return 0;
}
