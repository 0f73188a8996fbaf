"""libwasmsharp.so from Python through ctypes: compile a module, give it a Python host function, call an export,
read its memory and get a trap back. Prints "ok"; any failure raises. Usage: ctypes_test.py path/to/libwasmsharp.so"""
import ctypes as C
import sys

lib = C.CDLL(sys.argv[1])


class ByteVec(C.Structure):
    _fields_ = [("size", C.c_size_t), ("data", C.POINTER(C.c_char))]


class Val(C.Structure):
    class Of(C.Union):
        _fields_ = [("i32", C.c_int32), ("i64", C.c_int64), ("f32", C.c_float), ("f64", C.c_double), ("ref", C.c_void_p)]

    _fields_ = [("kind", C.c_uint8), ("of", Of)]


class ValVec(C.Structure):
    _fields_ = [("size", C.c_size_t), ("data", C.POINTER(Val))]


class PtrVec(C.Structure):
    _fields_ = [("size", C.c_size_t), ("data", C.POINTER(C.c_void_p))]


P = C.c_void_p
for name, res, args in [
    ("wasm_engine_new", P, []), ("wasm_engine_delete", None, [P]),
    ("wasm_store_new", P, [P]), ("wasm_store_delete", None, [P]),
    ("wasmsharp_wat2wasm", C.c_bool, [C.POINTER(ByteVec), C.POINTER(ByteVec)]),
    ("wasm_byte_vec_new", None, [C.POINTER(ByteVec), C.c_size_t, C.c_char_p]),
    ("wasm_byte_vec_delete", None, [C.POINTER(ByteVec)]),
    ("wasm_module_new", P, [P, C.POINTER(ByteVec)]), ("wasm_module_delete", None, [P]),
    ("wasm_valtype_new", P, [C.c_uint8]),
    ("wasm_valtype_vec_new", None, [C.POINTER(PtrVec), C.c_size_t, C.POINTER(C.c_void_p)]),
    ("wasm_functype_new", P, [C.POINTER(PtrVec), C.POINTER(PtrVec)]), ("wasm_functype_delete", None, [P]),
    ("wasm_func_new", P, [P, P, P]), ("wasm_func_delete", None, [P]),
    ("wasm_func_as_extern", P, [P]), ("wasm_extern_as_func", P, [P]), ("wasm_extern_as_memory", P, [P]),
    ("wasm_instance_new", P, [P, P, C.POINTER(PtrVec), C.POINTER(P)]), ("wasm_instance_delete", None, [P]),
    ("wasm_instance_exports", None, [P, C.POINTER(PtrVec)]), ("wasm_extern_vec_delete", None, [C.POINTER(PtrVec)]),
    ("wasm_func_call", P, [P, C.POINTER(ValVec), C.POINTER(ValVec)]),
    ("wasm_trap_message", None, [P, C.POINTER(ByteVec)]), ("wasm_trap_delete", None, [P]),
    ("wasm_memory_data", C.POINTER(C.c_ubyte), [P]), ("wasm_memory_data_size", C.c_size_t, [P]),
]:
    f = getattr(lib, name)
    f.restype, f.argtypes = res, args

CALLBACK = C.CFUNCTYPE(P, C.POINTER(ValVec), C.POINTER(ValVec))


@CALLBACK
def triple(args, results):
    results[0].data[0].kind = 0
    results[0].data[0].of.i32 = args[0].data[0].of.i32 * 3
    return None


def i32_type_vec(n):
    v = PtrVec()
    items = (C.c_void_p * n)(*[lib.wasm_valtype_new(0) for _ in range(n)])
    lib.wasm_valtype_vec_new(C.byref(v), n, items)
    return v


def call(func, *ints):
    args = (Val * max(len(ints), 1))()
    for i, x in enumerate(ints):
        args[i].kind, args[i].of.i32 = 0, x
    results = (Val * 1)()
    trap = lib.wasm_func_call(func, C.byref(ValVec(len(ints), args)), C.byref(ValVec(1, results)))
    return trap, results[0].of.i32


engine = lib.wasm_engine_new()
store = lib.wasm_store_new(engine)
wat = b"""(module
  (import "py" "triple" (func $triple (param i32) (result i32)))
  (memory (export "mem") 1)
  (data (i32.const 8) "ctypes")
  (func (export "f") (param i32) (result i32) (i32.add (call $triple (local.get 0)) (i32.const 1)))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))"""
text, binary = ByteVec(), ByteVec()
lib.wasm_byte_vec_new(C.byref(text), len(wat), wat)
assert lib.wasmsharp_wat2wasm(C.byref(text), C.byref(binary))
lib.wasm_byte_vec_delete(C.byref(text))
module = lib.wasm_module_new(store, C.byref(binary))
lib.wasm_byte_vec_delete(C.byref(binary))
assert module

functype = lib.wasm_functype_new(C.byref(i32_type_vec(1)), C.byref(i32_type_vec(1)))
host = lib.wasm_func_new(store, functype, C.cast(triple, C.c_void_p))
lib.wasm_functype_delete(functype)
imports = (C.c_void_p * 1)(lib.wasm_func_as_extern(host))
trap = P()
instance = lib.wasm_instance_new(store, module, C.byref(PtrVec(1, imports)), C.byref(trap))
assert instance and not trap.value

exports = PtrVec()
lib.wasm_instance_exports(instance, C.byref(exports))
assert exports.size == 3
memory = lib.wasm_extern_as_memory(exports.data[0])
assert lib.wasm_memory_data_size(memory) == 65536
assert bytes(lib.wasm_memory_data(memory)[8:14]) == b"ctypes"

f = lib.wasm_extern_as_func(exports.data[1])
trap, result = call(f, 14)
assert trap is None and result == 43, (trap, result)

trap, _ = call(lib.wasm_extern_as_func(exports.data[2]), 0)
assert trap
message = ByteVec()
lib.wasm_trap_message(trap, C.byref(message))
assert C.string_at(message.data) == b"integer divide by zero"
lib.wasm_byte_vec_delete(C.byref(message))
lib.wasm_trap_delete(trap)

lib.wasm_extern_vec_delete(C.byref(exports))
lib.wasm_instance_delete(instance)
lib.wasm_func_delete(host)
lib.wasm_module_delete(module)
lib.wasm_store_delete(store)
lib.wasm_engine_delete(engine)
print("ok")
