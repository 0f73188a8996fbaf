using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;
using WasmSharp.Native.Types;

namespace WasmSharp.Native.Runtime;

/// <summary><c>wasm_val_t</c>: a kind byte, then an 8-byte union (i32, i64, f32, f64 or an owned wasm_ref_t*).</summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal unsafe struct WasmVal
{
    [FieldOffset(0)] public ValKind Kind;
    [FieldOffset(8)] public int I32;
    [FieldOffset(8)] public long I64;
    [FieldOffset(8)] public Obj* Ref;
}

/// <summary>Values across the boundary. A reference in a wasm_val_t is an owned handle: converting a .NET value
/// out makes a new one, and deleting the value deletes it.</summary>
internal static unsafe class Vals
{
    public static Value ToValue(WasmVal* v, ValType expected)
    {
        if (v == null) throw new ArgumentNullException(nameof(v), "value is NULL");
        var t = TypeConvert.ToValType(v->Kind);
        if (t != expected) throw new ArgumentException($"expected a {expected.Name()} value, got {t.Name()}");
        return t switch
        {
            ValType.I32 or ValType.F32 => new Value(t, (uint)v->I32),
            ValType.I64 or ValType.F64 => new Value(t, (ulong)v->I64),
            ValType.FuncRef => Value.FuncRef(v->Ref == null ? null : Obj.Get<Function>(v->Ref, ObjKind.Func)),
            ValType.ExternRef => Value.ExternRef(v->Ref == null ? null : Obj.Target(v->Ref)),
            _ => throw new NotSupportedException("v128 values do not fit wasm_val_t"),
        };
    }

    public static void FromValue(Value value, WasmVal* v)
    {
        v->Kind = TypeConvert.Kind(value.Type);
        v->I64 = 0;
        switch (value.Type)
        {
            case ValType.I32 or ValType.F32: v->I32 = (int)(uint)value.Bits; break;
            case ValType.I64 or ValType.F64: v->I64 = (long)value.Bits; break;
            case ValType.FuncRef or ValType.ExternRef: v->Ref = Refs.New(value.Ref); break;
            default: throw new NotSupportedException("v128 values do not fit wasm_val_t");
        }
    }

    public static void Delete(WasmVal* v)
    {
        if (v == null || v->Kind is not (ValKind.AnyRef or ValKind.FuncRef) || v->Ref == null) return;
        Refs.Delete(v->Ref);
        v->Ref = null;
    }

    public static void Copy(WasmVal* dst, WasmVal* src)
    {
        if (src == null) throw new ArgumentNullException(nameof(src), "value is NULL");
        *dst = *src;
        if (src->Kind is ValKind.AnyRef or ValKind.FuncRef && src->Ref != null) dst->Ref = Refs.Copy(src->Ref);
    }

    public static void CopyVec(Vec* dst, Vec* src)
    {
        var items = Vecs.Span<WasmVal>(src);
        Vecs.NewUninitialized(dst, (nuint)items.Length, sizeof(WasmVal));
        for (int i = 0; i < items.Length; i++) Copy((WasmVal*)dst->Data + i, (WasmVal*)src->Data + i);
    }

    public static void DeleteVec(Vec* v)
    {
        if (v == null) return;
        for (nuint i = 0; i < v->Size; i++) Delete((WasmVal*)v->Data + i);
        Vecs.Delete(v);
    }
}
