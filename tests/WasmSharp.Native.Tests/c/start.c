/* The start function: it runs during wasm_instance_new (calling the host), and a trapping start function makes
 * instantiation fail with that trap. */
#include "common.h"

static int started = 0;

static wasm_trap_t* hello(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)results;
  started = args->data[0].of.i32;
  return NULL;
}

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  fx.module = compile_wat(store,
      "(module"
      "  (import \"env\" \"hello\" (func $hello (param i32)))"
      "  (global $g (export \"g\") (mut i32) (i32.const 0))"
      "  (func $init (call $hello (i32.const 77)) (global.set $g (i32.const 5)))"
      "  (start $init))");
  wasm_functype_t* ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t* host = wasm_func_new(store, ft, hello);
  wasm_functype_delete(ft);
  wasm_extern_t* imports[1] = {wasm_func_as_extern(host)};
  CHECK(started == 0);
  fx.instance = instantiate(store, fx.module, imports, 1);
  CHECK(started == 77);
  wasm_instance_exports(fx.instance, &fx.exports);
  wasm_val_t g;
  wasm_global_get(wasm_extern_as_global(fx.exports.data[0]), &g);
  CHECK(g.of.i32 == 5);

  wasm_module_t* bad = compile_wat(store, "(module (func $s (unreachable)) (start $s))");
  wasm_extern_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = NULL;
  CHECK(wasm_instance_new(store, bad, &none, &trap) == NULL);
  CHECK(trap_says(trap, "unreachable"));
  CHECK(wasm_instance_new(store, bad, &none, NULL) == NULL); /* no trap wanted: none leaks */

  wasm_module_delete(bad);
  wasm_func_delete(host);
  fixture_close(&fx);
  puts("ok");
  return 0;
}
