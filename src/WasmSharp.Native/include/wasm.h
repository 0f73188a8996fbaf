/*
 * wasm.h — the standard WebAssembly C API (WebAssembly/wasm-c-api), as implemented by WasmSharp's libwasmsharp.so.
 *
 * Written for WasmSharp from the standard's definitions: the names, signatures and ownership rules are the
 * standard's, so a program written against another implementation's wasm.h builds against this one.
 *
 * Ownership, as the standard says it:
 *   - `own` on a parameter: the callee takes the object; on a result or out-parameter: the caller receives it and
 *     must release it with the matching *_delete.
 *   - every other pointer is borrowed: it stays the caller's (parameter) or the callee's (result).
 *   - vecs own their elements: wasm_X_vec_delete deletes each element; wasm_X_vec_copy copies each.
 *   - a reference (func, global, table, memory, extern, instance, module, trap, foreign) is a handle: *_copy makes
 *     another handle to the same object, *_delete frees one handle. Objects live in their store: deleting the
 *     store ends them, and a handle used after that reports an error instead of touching freed memory.
 *
 * Errors: the standard reports failure only as NULL, false, or a trap. WasmSharp keeps the reason of the calling
 * thread's last failure for wasmsharp_last_error() (wasmsharp.h). NULL or mistyped handles give such an error
 * rather than a crash wherever the function has a way to report one.
 *
 * Not provided: wasm_shared_module_t (wasm_module_share/obtain). Backtrace frames carry the function index and the offsets of
 * their instruction (0 when the compiler could not tell); wasm_frame_instance returns NULL.
 *
 * Threads: an engine and a module may be used from any thread; a store and everything in it from one thread at a
 * time (wasmsharp_store_interrupt is the exception).
 */
#ifndef WASM_H
#define WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define own

typedef char byte_t;
typedef float float32_t;
typedef double float64_t;

/* ---- vecs ------------------------------------------------------------------------------------------------------
 * Every wasm_X_vec_t is { size, data }. For element types that are pointers (wasm_valtype_t* and the like) the vec
 * owns what the pointers point to. new_uninitialized zero-fills, so deleting an unfilled vec of pointers is safe. */
#define WASM_VEC_OF(name, elem)                                                                                      \
  typedef struct wasm_##name##_vec_t {                                                                               \
    size_t size;                                                                                                     \
    elem* data;                                                                                                      \
  } wasm_##name##_vec_t;                                                                                             \
  void wasm_##name##_vec_new_empty(own wasm_##name##_vec_t* out);                                                    \
  void wasm_##name##_vec_new_uninitialized(own wasm_##name##_vec_t* out, size_t size);                               \
  void wasm_##name##_vec_new(own wasm_##name##_vec_t* out, size_t size, own elem const data[]);                      \
  void wasm_##name##_vec_copy(own wasm_##name##_vec_t* out, const wasm_##name##_vec_t* src);                         \
  void wasm_##name##_vec_delete(own wasm_##name##_vec_t* vec);

/* An object the caller owns: *_delete, and *_copy for a deep copy. */
#define WASM_OWNED(name)                                                                                             \
  typedef struct wasm_##name##_t wasm_##name##_t;                                                                    \
  void wasm_##name##_delete(own wasm_##name##_t*);

#define WASM_OWNED_VEC(name)                                                                                         \
  WASM_OWNED(name)                                                                                                   \
  WASM_VEC_OF(name, wasm_##name##_t*)                                                                                \
  own wasm_##name##_t* wasm_##name##_copy(const wasm_##name##_t*);

/* ---- bytes and names -------------------------------------------------------------------------------------------- */
typedef byte_t wasm_byte_t;
WASM_VEC_OF(byte, wasm_byte_t)

/* A name (import, export) is UTF-8 without terminator; a message counts its terminating NUL in its size. */
typedef wasm_byte_vec_t wasm_name_t;
typedef wasm_name_t wasm_message_t;
#define wasm_name wasm_byte_vec
#define wasm_name_new wasm_byte_vec_new
#define wasm_name_new_empty wasm_byte_vec_new_empty
#define wasm_name_new_uninitialized wasm_byte_vec_new_uninitialized
#define wasm_name_copy wasm_byte_vec_copy
#define wasm_name_delete wasm_byte_vec_delete
static inline void wasm_name_new_from_string(own wasm_name_t* out, const char* s) {
  wasm_name_new(out, strlen(s), s);
}
static inline void wasm_name_new_from_string_nt(own wasm_name_t* out, const char* s) {
  wasm_name_new(out, strlen(s) + 1, s);
}

/* ---- runtime environment ------------------------------------------------------------------------------------------ */
WASM_OWNED(config)
own wasm_config_t* wasm_config_new(void);

/* Engines compile with Singlepass (see wasmsharp.h for the settings a config can carry). */
WASM_OWNED(engine)
own wasm_engine_t* wasm_engine_new(void);
/* Takes the config, whatever happens. */
own wasm_engine_t* wasm_engine_new_with_config(own wasm_config_t*);

/* Deleting a store releases its memories, tables, globals, instances and host functions, and runs the finalizers
 * of wasm_func_new_with_env environments. */
WASM_OWNED(store)
own wasm_store_t* wasm_store_new(wasm_engine_t*);

/* ---- type reflection ------------------------------------------------------------------------------------------------ */
typedef uint8_t wasm_mutability_t;
enum wasm_mutability_enum { WASM_CONST, WASM_VAR };

typedef struct wasm_limits_t {
  uint32_t min;
  uint32_t max; /* wasm_limits_max_default when there is no maximum */
} wasm_limits_t;
static const uint32_t wasm_limits_max_default = 0xffffffff;

WASM_OWNED_VEC(valtype)
typedef uint8_t wasm_valkind_t;
/* WASM_ANYREF is the externref of the reference-types proposal. A v128 value type is reported as WASMSHARP_V128
 * (wasmsharp.h); such values do not fit wasm_val_t, so calls with them fail. */
enum wasm_valkind_enum { WASM_I32, WASM_I64, WASM_F32, WASM_F64, WASM_ANYREF = 128, WASM_FUNCREF };
own wasm_valtype_t* wasm_valtype_new(wasm_valkind_t);
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t*);
static inline bool wasm_valkind_is_num(wasm_valkind_t k) { return k < WASM_ANYREF; }
static inline bool wasm_valkind_is_ref(wasm_valkind_t k) { return k >= WASM_ANYREF; }
static inline bool wasm_valtype_is_num(const wasm_valtype_t* t) { return wasm_valkind_is_num(wasm_valtype_kind(t)); }
static inline bool wasm_valtype_is_ref(const wasm_valtype_t* t) { return wasm_valkind_is_ref(wasm_valtype_kind(t)); }

/* Takes both vecs' contents. params/results are borrowed from the functype. */
WASM_OWNED_VEC(functype)
own wasm_functype_t* wasm_functype_new(own wasm_valtype_vec_t* params, own wasm_valtype_vec_t* results);
const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t*);
const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t*);

WASM_OWNED_VEC(globaltype)
own wasm_globaltype_t* wasm_globaltype_new(own wasm_valtype_t*, wasm_mutability_t);
const wasm_valtype_t* wasm_globaltype_content(const wasm_globaltype_t*);
wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t*);

/* The element type must be WASM_FUNCREF or WASM_ANYREF. */
WASM_OWNED_VEC(tabletype)
own wasm_tabletype_t* wasm_tabletype_new(own wasm_valtype_t*, const wasm_limits_t*);
const wasm_valtype_t* wasm_tabletype_element(const wasm_tabletype_t*);
const wasm_limits_t* wasm_tabletype_limits(const wasm_tabletype_t*);

/* Limits in 64 KiB pages. */
WASM_OWNED_VEC(memorytype)
own wasm_memorytype_t* wasm_memorytype_new(const wasm_limits_t*);
const wasm_limits_t* wasm_memorytype_limits(const wasm_memorytype_t*);

/* An extern type is one of the four above; the conversions return the same object, or NULL for another kind. */
WASM_OWNED_VEC(externtype)
typedef uint8_t wasm_externkind_t;
enum wasm_externkind_enum { WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_TABLE, WASM_EXTERN_MEMORY };
wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t*);

wasm_externtype_t* wasm_functype_as_externtype(wasm_functype_t*);
wasm_externtype_t* wasm_globaltype_as_externtype(wasm_globaltype_t*);
wasm_externtype_t* wasm_tabletype_as_externtype(wasm_tabletype_t*);
wasm_externtype_t* wasm_memorytype_as_externtype(wasm_memorytype_t*);
wasm_functype_t* wasm_externtype_as_functype(wasm_externtype_t*);
wasm_globaltype_t* wasm_externtype_as_globaltype(wasm_externtype_t*);
wasm_tabletype_t* wasm_externtype_as_tabletype(wasm_externtype_t*);
wasm_memorytype_t* wasm_externtype_as_memorytype(wasm_externtype_t*);
const wasm_externtype_t* wasm_functype_as_externtype_const(const wasm_functype_t*);
const wasm_externtype_t* wasm_globaltype_as_externtype_const(const wasm_globaltype_t*);
const wasm_externtype_t* wasm_tabletype_as_externtype_const(const wasm_tabletype_t*);
const wasm_externtype_t* wasm_memorytype_as_externtype_const(const wasm_memorytype_t*);
const wasm_functype_t* wasm_externtype_as_functype_const(const wasm_externtype_t*);
const wasm_globaltype_t* wasm_externtype_as_globaltype_const(const wasm_externtype_t*);
const wasm_tabletype_t* wasm_externtype_as_tabletype_const(const wasm_externtype_t*);
const wasm_memorytype_t* wasm_externtype_as_memorytype_const(const wasm_externtype_t*);

/* Takes the names' contents and the type; the getters' results are borrowed from the importtype. */
WASM_OWNED_VEC(importtype)
own wasm_importtype_t* wasm_importtype_new(own wasm_name_t* module, own wasm_name_t* name, own wasm_externtype_t*);
const wasm_name_t* wasm_importtype_module(const wasm_importtype_t*);
const wasm_name_t* wasm_importtype_name(const wasm_importtype_t*);
const wasm_externtype_t* wasm_importtype_type(const wasm_importtype_t*);

WASM_OWNED_VEC(exporttype)
own wasm_exporttype_t* wasm_exporttype_new(own wasm_name_t*, own wasm_externtype_t*);
const wasm_name_t* wasm_exporttype_name(const wasm_exporttype_t*);
const wasm_externtype_t* wasm_exporttype_type(const wasm_exporttype_t*);

/* ---- references -------------------------------------------------------------------------------------------------------
 * Every reference type has delete, copy (another handle to the same object), same (same object), host info, and
 * conversion to and from wasm_ref_t (the same handle; NULL when the reference is of another kind).
 * Host info belongs to the handle: its finalizer runs when that handle is deleted or the info is replaced. */
#define WASM_REFERENCE(name)                                                                                          \
  typedef struct wasm_##name##_t wasm_##name##_t;                                                                     \
  void wasm_##name##_delete(own wasm_##name##_t*);                                                                    \
  own wasm_##name##_t* wasm_##name##_copy(const wasm_##name##_t*);                                                    \
  bool wasm_##name##_same(const wasm_##name##_t*, const wasm_##name##_t*);                                            \
  void* wasm_##name##_get_host_info(const wasm_##name##_t*);                                                          \
  void wasm_##name##_set_host_info(wasm_##name##_t*, void*);                                                          \
  void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t*, void*, void (*)(void*));

#define WASM_REFERENCE_AS_REF(name)                                                                                   \
  WASM_REFERENCE(name)                                                                                                \
  wasm_ref_t* wasm_##name##_as_ref(wasm_##name##_t*);                                                                 \
  wasm_##name##_t* wasm_ref_as_##name(wasm_ref_t*);                                                                   \
  const wasm_ref_t* wasm_##name##_as_ref_const(const wasm_##name##_t*);                                               \
  const wasm_##name##_t* wasm_ref_as_##name##_const(const wasm_ref_t*);

WASM_REFERENCE(ref)

/* ---- values --------------------------------------------------------------------------------------------------------------
 * A reference in a value is owned by the value: wasm_val_delete deletes it, wasm_val_copy copies the handle. */
typedef struct wasm_val_t {
  wasm_valkind_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float32_t f32;
    float64_t f64;
    struct wasm_ref_t* ref; /* NULL for a null reference */
  } of;
} wasm_val_t;

void wasm_val_delete(own wasm_val_t* v);
void wasm_val_copy(own wasm_val_t* out, const wasm_val_t*);
WASM_VEC_OF(val, wasm_val_t)

#define WASM_I32_VAL(x) { .kind = WASM_I32, .of = { .i32 = (x) } }
#define WASM_I64_VAL(x) { .kind = WASM_I64, .of = { .i64 = (x) } }
#define WASM_F32_VAL(x) { .kind = WASM_F32, .of = { .f32 = (x) } }
#define WASM_F64_VAL(x) { .kind = WASM_F64, .of = { .f64 = (x) } }
#define WASM_REF_VAL(r) { .kind = WASM_ANYREF, .of = { .ref = (r) } }
#define WASM_INIT_VAL { .kind = WASM_ANYREF, .of = { .ref = NULL } }
#define WASM_EMPTY_VEC { 0, NULL }
#define WASM_ARRAY_VEC(array) { sizeof(array) / sizeof(*(array)), array }

/* ---- frames and traps ------------------------------------------------------------------------------------------------- */
WASM_OWNED_VEC(frame)
struct wasm_instance_t* wasm_frame_instance(const wasm_frame_t*); /* always NULL in WasmSharp */
uint32_t wasm_frame_func_index(const wasm_frame_t*);
size_t wasm_frame_func_offset(const wasm_frame_t*);   /* from the body's start (its locals); 0: unknown */
size_t wasm_frame_module_offset(const wasm_frame_t*); /* the trapping instruction, or a caller's call; 0: unknown */

/* The message is a wasm_message_t (NUL counted in its size). origin is the innermost Wasm frame, or NULL; trace
 * lists the Wasm frames, innermost first. */
WASM_REFERENCE_AS_REF(trap)
own wasm_trap_t* wasm_trap_new(wasm_store_t* store, const wasm_message_t*);
void wasm_trap_message(const wasm_trap_t*, own wasm_message_t* out);
own wasm_frame_t* wasm_trap_origin(const wasm_trap_t*);
void wasm_trap_trace(const wasm_trap_t*, own wasm_frame_vec_t* out);

/* A host object that can travel through Wasm as an anyref/externref value. */
WASM_REFERENCE_AS_REF(foreign)
own wasm_foreign_t* wasm_foreign_new(wasm_store_t*);

/* ---- modules ------------------------------------------------------------------------------------------------------------ */
WASM_REFERENCE_AS_REF(module)
/* Decodes, validates and compiles; NULL (see wasmsharp_last_error) when the binary is malformed or invalid. */
own wasm_module_t* wasm_module_new(wasm_store_t*, const wasm_byte_vec_t* binary);
bool wasm_module_validate(wasm_store_t*, const wasm_byte_vec_t* binary);
/* The module as a precompiled artifact (Singlepass machine code, the module's bytes, a header naming the WasmSharp
 * build, target, CPU features and code settings, a checksum); out is empty when the compiler cannot serialize
 * (CIL). wasm_module_deserialize loads such an artifact without compiling, into a store whose engine has the same
 * build and settings; anything else, or a damaged artifact, gives NULL and wasmsharp_last_error says which.
 * An artifact is native code: deserialize only artifacts you trust (the checksum catches damage, not tampering). */
void wasm_module_serialize(const wasm_module_t*, own wasm_byte_vec_t* out);
own wasm_module_t* wasm_module_deserialize(wasm_store_t*, const wasm_byte_vec_t* artifact);
/* In the order of the module's import and export sections. */
void wasm_module_imports(const wasm_module_t*, own wasm_importtype_vec_t* out);
void wasm_module_exports(const wasm_module_t*, own wasm_exporttype_vec_t* out);

/* ---- functions -------------------------------------------------------------------------------------------------------------
 * A host callback reads args (borrowed; it must not delete them) and writes every entry of results (the runtime
 * takes what it writes, references included). It returns NULL, or a trap — which ends the Wasm call and is what
 * the wasm_func_call that started it returns. */
WASM_REFERENCE_AS_REF(func)
typedef own wasm_trap_t* (*wasm_func_callback_t)(const wasm_val_vec_t* args, wasm_val_vec_t* results);
typedef own wasm_trap_t* (*wasm_func_callback_with_env_t)(void* env, const wasm_val_vec_t* args, wasm_val_vec_t* results);

own wasm_func_t* wasm_func_new(wasm_store_t*, const wasm_functype_t*, wasm_func_callback_t);
/* finalizer (may be NULL) runs on env when the store is deleted. */
own wasm_func_t* wasm_func_new_with_env(wasm_store_t*, const wasm_functype_t* type, wasm_func_callback_with_env_t,
                                        void* env, void (*finalizer)(void*));
own wasm_functype_t* wasm_func_type(const wasm_func_t*);
size_t wasm_func_param_arity(const wasm_func_t*);
size_t wasm_func_result_arity(const wasm_func_t*);
/* results must hold exactly wasm_func_result_arity values; they are overwritten (the caller then owns any
 * references in them). Returns NULL on success, else a trap — also for arguments of the wrong number or type. */
own wasm_trap_t* wasm_func_call(const wasm_func_t*, const wasm_val_vec_t* args, wasm_val_vec_t* results);

/* ---- globals --------------------------------------------------------------------------------------------------------------- */
WASM_REFERENCE_AS_REF(global)
own wasm_global_t* wasm_global_new(wasm_store_t*, const wasm_globaltype_t*, const wasm_val_t*);
own wasm_globaltype_t* wasm_global_type(const wasm_global_t*);
void wasm_global_get(const wasm_global_t*, own wasm_val_t* out);
/* Leaves an immutable global, or a value of the wrong type, unchanged (and records an error). */
void wasm_global_set(wasm_global_t*, const wasm_val_t*);

/* ---- tables ---------------------------------------------------------------------------------------------------------------- */
WASM_REFERENCE_AS_REF(table)
typedef uint32_t wasm_table_size_t;
own wasm_table_t* wasm_table_new(wasm_store_t*, const wasm_tabletype_t*, wasm_ref_t* init);
own wasm_tabletype_t* wasm_table_type(const wasm_table_t*);
/* NULL for a null element and for an index out of bounds. */
own wasm_ref_t* wasm_table_get(const wasm_table_t*, wasm_table_size_t index);
bool wasm_table_set(wasm_table_t*, wasm_table_size_t index, wasm_ref_t*);
wasm_table_size_t wasm_table_size(const wasm_table_t*);
bool wasm_table_grow(wasm_table_t*, wasm_table_size_t delta, wasm_ref_t* init);

/* ---- memories -------------------------------------------------------------------------------------------------------------- */
WASM_REFERENCE_AS_REF(memory)
typedef uint32_t wasm_memory_pages_t;
static const size_t MEMORY_PAGE_SIZE = 0x10000;
own wasm_memory_t* wasm_memory_new(wasm_store_t*, const wasm_memorytype_t*);
own wasm_memorytype_t* wasm_memory_type(const wasm_memory_t*);
/* The base never moves while the memory lives, even when it grows; data_size is in bytes, size in pages. */
byte_t* wasm_memory_data(wasm_memory_t*);
size_t wasm_memory_data_size(const wasm_memory_t*);
wasm_memory_pages_t wasm_memory_size(const wasm_memory_t*);
bool wasm_memory_grow(wasm_memory_t*, wasm_memory_pages_t delta);

/* ---- externs --------------------------------------------------------------------------------------------------------------
 * An extern is a func, global, table or memory; the conversions return the same handle (NULL for another kind). */
WASM_REFERENCE_AS_REF(extern)
WASM_VEC_OF(extern, wasm_extern_t*)
wasm_externkind_t wasm_extern_kind(const wasm_extern_t*);
own wasm_externtype_t* wasm_extern_type(const wasm_extern_t*);

wasm_extern_t* wasm_func_as_extern(wasm_func_t*);
wasm_extern_t* wasm_global_as_extern(wasm_global_t*);
wasm_extern_t* wasm_table_as_extern(wasm_table_t*);
wasm_extern_t* wasm_memory_as_extern(wasm_memory_t*);
wasm_func_t* wasm_extern_as_func(wasm_extern_t*);
wasm_global_t* wasm_extern_as_global(wasm_extern_t*);
wasm_table_t* wasm_extern_as_table(wasm_extern_t*);
wasm_memory_t* wasm_extern_as_memory(wasm_extern_t*);
const wasm_extern_t* wasm_func_as_extern_const(const wasm_func_t*);
const wasm_extern_t* wasm_global_as_extern_const(const wasm_global_t*);
const wasm_extern_t* wasm_table_as_extern_const(const wasm_table_t*);
const wasm_extern_t* wasm_memory_as_extern_const(const wasm_memory_t*);
const wasm_func_t* wasm_extern_as_func_const(const wasm_extern_t*);
const wasm_global_t* wasm_extern_as_global_const(const wasm_extern_t*);
const wasm_table_t* wasm_extern_as_table_const(const wasm_extern_t*);
const wasm_memory_t* wasm_extern_as_memory_const(const wasm_extern_t*);

/* ---- instances ------------------------------------------------------------------------------------------------------------- */
WASM_REFERENCE_AS_REF(instance)
/* imports: one extern per module import, in import order. Applies the segments and runs the start function.
 * On failure returns NULL and, if trap is not NULL, stores a trap saying why (a link error or a Wasm trap). */
own wasm_instance_t* wasm_instance_new(wasm_store_t*, const wasm_module_t*, const wasm_extern_vec_t* imports,
                                       own wasm_trap_t** trap);
/* New handles, in the order of wasm_module_exports. */
void wasm_instance_exports(const wasm_instance_t*, own wasm_extern_vec_t* out);

/* ---- conveniences ---------------------------------------------------------------------------------------------------------- */
static inline own wasm_functype_t* wasm_functype_new_0_0(void) {
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new_empty(&results);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t* wasm_functype_new_1_0(own wasm_valtype_t* p) {
  wasm_valtype_t* ps[1] = {p};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 1, ps);
  wasm_valtype_vec_new_empty(&results);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t* wasm_functype_new_0_1(own wasm_valtype_t* r) {
  wasm_valtype_t* rs[1] = {r};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new_empty(&params);
  wasm_valtype_vec_new(&results, 1, rs);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t* wasm_functype_new_1_1(own wasm_valtype_t* p, own wasm_valtype_t* r) {
  wasm_valtype_t* ps[1] = {p};
  wasm_valtype_t* rs[1] = {r};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 1, ps);
  wasm_valtype_vec_new(&results, 1, rs);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_functype_t* wasm_functype_new_2_1(own wasm_valtype_t* p1, own wasm_valtype_t* p2,
                                                         own wasm_valtype_t* r) {
  wasm_valtype_t* ps[2] = {p1, p2};
  wasm_valtype_t* rs[1] = {r};
  wasm_valtype_vec_t params, results;
  wasm_valtype_vec_new(&params, 2, ps);
  wasm_valtype_vec_new(&results, 1, rs);
  return wasm_functype_new(&params, &results);
}

static inline own wasm_valtype_t* wasm_valtype_new_i32(void) { return wasm_valtype_new(WASM_I32); }
static inline own wasm_valtype_t* wasm_valtype_new_i64(void) { return wasm_valtype_new(WASM_I64); }
static inline own wasm_valtype_t* wasm_valtype_new_f32(void) { return wasm_valtype_new(WASM_F32); }
static inline own wasm_valtype_t* wasm_valtype_new_f64(void) { return wasm_valtype_new(WASM_F64); }
static inline own wasm_valtype_t* wasm_valtype_new_anyref(void) { return wasm_valtype_new(WASM_ANYREF); }
static inline own wasm_valtype_t* wasm_valtype_new_funcref(void) { return wasm_valtype_new(WASM_FUNCREF); }

#undef own

#ifdef __cplusplus
}
#endif

#endif /* WASM_H */
