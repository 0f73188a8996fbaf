/* Host callbacks: with and without environment, the env finalizer at store deletion, a trap returned by a
 * callback coming back out of wasm_func_call unchanged, and Wasm calling back into the host recursively. */
#include "common.h"

static int finalized = 0;
static int logged = 0;

typedef struct { wasm_store_t* store; int calls; } env_t;

static wasm_trap_t* add3(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  env_t* e = env;
  e->calls++;
  if (args->size != 3 || results->size != 1) return wasm_trap_new(e->store, &(wasm_message_t){sizeof "arity", "arity"});
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 + args->data[1].of.i32 + args->data[2].of.i32;
  return NULL;
}

static wasm_trap_t* log_i32(const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)results;
  logged += args->data[0].of.i32;
  return NULL;
}

static wasm_trap_t* fail(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results) {
  (void)args; (void)results;
  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "host says no");
  wasm_trap_t* trap = wasm_trap_new(((env_t*)env)->store, &msg);
  wasm_byte_vec_delete(&msg);
  return trap;
}

static void finalize(void* env) { finalized++; (void)env; }

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  env_t env = {store, 0};
  fx.module = compile_wat(store,
      "(module"
      "  (import \"env\" \"add3\" (func $add3 (param i32 i32 i32) (result i32)))"
      "  (import \"env\" \"log\" (func $log (param i32)))"
      "  (import \"env\" \"fail\" (func $fail))"
      "  (func (export \"run\") (param i32) (result i32)"
      "    (call $log (local.get 0))"
      "    (call $add3 (local.get 0) (i32.const 10) (i32.const 100)))"
      "  (func (export \"boom\") (result i32) (call $fail) (i32.const 1)))");

  wasm_valtype_vec_t p3, r1;
  wasm_valtype_t* ps[3] = {wasm_valtype_new_i32(), wasm_valtype_new_i32(), wasm_valtype_new_i32()};
  wasm_valtype_vec_new(&p3, 3, ps);
  wasm_valtype_t* rs[1] = {wasm_valtype_new_i32()};
  wasm_valtype_vec_new(&r1, 1, rs);
  wasm_functype_t* add_type = wasm_functype_new(&p3, &r1);
  wasm_functype_t* log_type = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_functype_t* fail_type = wasm_functype_new_0_0();

  wasm_func_t* add = wasm_func_new_with_env(store, add_type, add3, &env, finalize);
  wasm_func_t* log = wasm_func_new(store, log_type, log_i32);
  wasm_func_t* failing = wasm_func_new_with_env(store, fail_type, fail, &env, NULL);
  CHECK(add && log && failing);
  CHECK(wasm_func_param_arity(add) == 3 && wasm_func_result_arity(add) == 1);
  wasm_functype_delete(add_type);
  wasm_functype_delete(log_type);
  wasm_functype_delete(fail_type);

  wasm_extern_t* imports[3] = {wasm_func_as_extern(add), wasm_func_as_extern(log), wasm_func_as_extern(failing)};
  fx.instance = instantiate(store, fx.module, imports, 3);
  wasm_instance_exports(fx.instance, &fx.exports);
  CHECK(fx.exports.size == 2);

  /* a direct host call from C, then through Wasm */
  wasm_val_t direct[3] = {WASM_I32_VAL(1), WASM_I32_VAL(2), WASM_I32_VAL(3)};
  CHECK(call_i32(add, direct, 3) == 6);
  for (int i = 0; i < 1000; i++) {
    wasm_val_t arg[1] = {WASM_I32_VAL(i)};
    CHECK(call_i32(export_func(&fx.exports, 0), arg, 1) == i + 110);
  }
  CHECK(env.calls == 1001);
  CHECK(logged == 999 * 1000 / 2);

  /* the callback's own trap object comes back */
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t none = WASM_EMPTY_VEC, results = WASM_ARRAY_VEC(r);
  wasm_trap_t* trap = wasm_func_call(export_func(&fx.exports, 1), &none, &results);
  CHECK(trap_says(trap, "host says no"));

  wasm_func_delete(add);
  wasm_func_delete(log);
  wasm_func_delete(failing);
  CHECK(finalized == 0);
  fixture_close(&fx);
  CHECK(finalized == 1);
  puts("ok");
  return 0;
}
