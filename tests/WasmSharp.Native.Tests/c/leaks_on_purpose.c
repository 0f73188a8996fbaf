/* Not a test of the library: a program that leaks a value type and a handle on purpose, so the memcheck test can
 * show that it notices leaks through the API (it must report both). */
#include "wasm.h"

int main(void) {
  wasm_engine_t* engine = wasm_engine_new();
  wasm_store_t* store = wasm_store_new(engine);
  wasm_valtype_new(WASM_I32);
  wasm_foreign_new(store);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}
