/* Traps with frames: origin and trace of a trap three calls deep, a division by zero, and a trap made by
 * wasm_trap_new (no frames). */
#include "common.h"

int main(void) {
  fixture_t fx;
  fixture_open(&fx, NULL);
  wasm_store_t* store = fx.store;
  const char* wat =
      "(module"
      "  (func $inner (unreachable))"
      "  (func $middle (call $inner))"
      "  (func $outer (export \"outer\") (call $middle))"
      "  (func (export \"div\") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))";
  fx.module = compile_wat(store, wat);
  /* the binary, to check the frames' offsets against */
  wasm_byte_vec_t text, binary;
  wasm_byte_vec_new(&text, strlen(wat), wat);
  CHECK(wasmsharp_wat2wasm(&text, &binary));
  wasm_byte_vec_delete(&text);
  fx.instance = instantiate(store, fx.module, NULL, 0);
  wasm_instance_exports(fx.instance, &fx.exports);

  wasm_val_vec_t none = WASM_EMPTY_VEC;
  wasm_trap_t* trap = wasm_func_call(export_func(&fx.exports, 0), &none, &none);
  CHECK(trap != NULL);
  wasm_frame_t* origin = wasm_trap_origin(trap);
  CHECK(origin != NULL && wasm_frame_func_index(origin) == 0);
  wasm_frame_t* copy = wasm_frame_copy(origin);
  CHECK(wasm_frame_func_index(copy) == 0);
  wasm_frame_delete(copy);
  wasm_frame_delete(origin);
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size == 3);
  CHECK(wasm_frame_func_index(trace.data[0]) == 0);
  CHECK(wasm_frame_func_index(trace.data[1]) == 1);
  CHECK(wasm_frame_func_index(trace.data[2]) == 2);
  /* each frame's module offset is its instruction: unreachable, then call 0, then call 1; the function offset counts
   * from the body's start, whose first byte (no locals) is 0 */
  const unsigned char* bytes = (const unsigned char*)binary.data;
  const unsigned char expected[3][2] = {{0x00, 0x0b}, {0x10, 0x00}, {0x10, 0x01}};
  for (int i = 0; i < 3; i++) {
    size_t at = wasm_frame_module_offset(trace.data[i]), in = wasm_frame_func_offset(trace.data[i]);
    CHECK(at > 8 && at + 1 < binary.size && in == 1);
    CHECK(bytes[at] == expected[i][0] && bytes[at + 1] == expected[i][1]);
    CHECK(bytes[at - in] == 0x00);
  }
  wasm_byte_vec_delete(&binary);
  wasm_frame_vec_t trace2;
  wasm_frame_vec_copy(&trace2, &trace);
  CHECK(trace2.size == 3 && wasm_frame_func_index(trace2.data[2]) == 2);
  wasm_frame_vec_delete(&trace2);
  wasm_frame_vec_delete(&trace);
  CHECK(trap_says(trap, "unreachable"));

  wasm_val_t zero[1] = {WASM_I32_VAL(0)};
  wasm_val_vec_t a = WASM_ARRAY_VEC(zero);
  wasm_val_t r[1] = {WASM_INIT_VAL};
  wasm_val_vec_t rs = WASM_ARRAY_VEC(r);
  CHECK(trap_says(wasm_func_call(export_func(&fx.exports, 1), &a, &rs), "integer divide by zero"));

  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "made by hand");
  wasm_trap_t* made = wasm_trap_new(store, &msg);
  wasm_byte_vec_delete(&msg);
  CHECK(wasm_trap_origin(made) == NULL);
  wasm_trap_trace(made, &trace);
  CHECK(trace.size == 0);
  wasm_frame_vec_delete(&trace);
  wasm_trap_t* same = wasm_trap_copy(made);
  CHECK(wasm_trap_same(made, same));
  wasm_trap_delete(same);
  CHECK(trap_says(made, "made by hand"));

  fixture_close(&fx);
  puts("ok");
  return 0;
}
