/* WASI: a command reading its arguments and environment, writing to stdout (a file) and exiting with
 * proc_exit(7); and a module with a non-WASI import, which wasi_get_imports refuses. */
#include "common.h"
#include "wasi.h"

static const char* guest =
    "(module"
    "  (import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))"
    "  (import \"wasi_snapshot_preview1\" \"args_sizes_get\" (func $args_sizes (param i32 i32) (result i32)))"
    "  (import \"wasi_snapshot_preview1\" \"environ_sizes_get\" (func $env_sizes (param i32 i32) (result i32)))"
    "  (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
    "  (memory (export \"memory\") 1)"
    "  (data (i32.const 64) \"hello from wasi\\n\")"
    "  (func (export \"_start\")"
    "    (drop (call $args_sizes (i32.const 0) (i32.const 4)))"
    "    (drop (call $env_sizes (i32.const 8) (i32.const 12)))"
    "    (i32.store (i32.const 16) (i32.const 64))"
    "    (i32.store (i32.const 20) (i32.const 16))"
    "    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))"
    "    (call $exit (i32.add (i32.const 4) (i32.add (i32.load (i32.const 0)) (i32.load (i32.const 8)))))))";

int main(int argc, char** argv) {
  CHECK(argc == 2);
  const char* out_path = argv[1];
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_module_t* module = compile_wat(store, guest);

  wasi_config_t* config = wasi_config_new();
  const char* args[2] = {"guest", "one"};
  CHECK(wasi_config_set_argv(config, 2, args));
  const char* names[1] = {"COLOR"};
  const char* values[1] = {"blue"};
  CHECK(wasi_config_set_env(config, 1, names, values));
  CHECK(wasi_config_set_stdout_file(config, out_path));
  CHECK(!wasi_config_preopen_dir(config, "/no/such/dir", "/"));
  wasi_env_t* env = wasi_env_new(store, config);
  CHECK(env != NULL);

  wasm_extern_vec_t imports;
  CHECK(wasi_get_imports(store, env, module, &imports));
  CHECK(imports.size == 4);
  wasm_trap_t* trap = NULL;
  wasm_instance_t* instance = wasm_instance_new(store, module, &imports, &trap);
  CHECK(instance && !trap);
  CHECK(wasi_env_initialize_instance(env, store, instance));
  wasm_func_t* start = wasi_get_start_function(instance);
  CHECK(start != NULL);
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  trap = wasm_func_call(start, &none, &none);
  int code = -1;
  CHECK(trap && wasi_trap_exit_code(trap, &code));
  CHECK(code == 7); /* 4 + 2 arguments + 1 variable */
  wasm_trap_delete(trap);
  wasm_func_delete(start);
  wasm_instance_delete(instance);
  wasm_extern_vec_delete(&imports);
  wasi_env_delete(env);

  FILE* f = fopen(out_path, "rb");
  CHECK(f != NULL);
  char buf[64] = {0};
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  CHECK(n == 16 && strcmp(buf, "hello from wasi\n") == 0);

  /* a trap that is no exit */
  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "plain");
  wasm_trap_t* plain = wasm_trap_new(store, &msg);
  wasm_byte_vec_delete(&msg);
  CHECK(!wasi_trap_exit_code(plain, &code));
  wasm_trap_delete(plain);

  wasm_module_t* other = compile_wat(store, "(module (import \"env\" \"f\" (func)))");
  wasi_env_t* env2 = wasi_env_new(store, wasi_config_new());
  wasm_extern_vec_t none_imports;
  CHECK(!wasi_get_imports(store, env2, other, &none_imports));
  wasi_env_delete(env2);
  wasm_module_delete(other);

  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  puts("ok");
  return 0;
}
