using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

/// <summary>The runtime's types (<see cref="FuncType"/>, <see cref="ValType"/>, ...) to the native structs and back.</summary>
internal static unsafe class TypeConvert
{
    public static ValKind Kind(ValType t) => t switch
    {
        ValType.I32 => ValKind.I32,
        ValType.I64 => ValKind.I64,
        ValType.F32 => ValKind.F32,
        ValType.F64 => ValKind.F64,
        ValType.V128 => ValKind.V128,
        ValType.FuncRef => ValKind.FuncRef,
        _ => ValKind.AnyRef,
    };

    public static ValType ToValType(ValKind k) => k switch
    {
        ValKind.I32 => WasmSharp.ValType.I32,
        ValKind.I64 => WasmSharp.ValType.I64,
        ValKind.F32 => WasmSharp.ValType.F32,
        ValKind.F64 => WasmSharp.ValType.F64,
        ValKind.V128 => WasmSharp.ValType.V128,
        ValKind.FuncRef => WasmSharp.ValType.FuncRef,
        ValKind.AnyRef => WasmSharp.ValType.ExternRef,
        _ => throw new ArgumentException($"{(byte)k} is not a wasm_valkind_t"),
    };

    public static CExternKind Kind(ExternKind k) => k switch
    {
        ExternKind.Func => CExternKind.Func,
        ExternKind.Global => CExternKind.Global,
        ExternKind.Table => CExternKind.Table,
        _ => CExternKind.Memory,
    };

    public static FuncTypeN* ToNative(FuncType t)
    {
        Vec ps, rs;
        ValTypes(t.Params, &ps);
        ValTypes(t.Results, &rs);
        return TypeAlloc.FuncType(&ps, &rs);
    }

    public static FuncType ToManaged(FuncTypeN* f)
    {
        TypeAlloc.NotNull(f);
        return new FuncType(ValTypes(&f->Params), ValTypes(&f->Results));
    }

    public static GlobalTypeN* ToNative(GlobalType t) => TypeAlloc.GlobalType(TypeAlloc.ValType(Kind(t.ValType)), t.Mutable ? (byte)1 : (byte)0);

    public static GlobalType ToManaged(GlobalTypeN* g) =>
        new(ToValType(TypeAlloc.NotNull(g)->Content->Kind), g->Mutability == 1);

    public static TableTypeN* ToNative(TableType t)
    {
        var limits = ToNative(t.Limits);
        return TypeAlloc.TableType(TypeAlloc.ValType(Kind(t.ElemType)), &limits);
    }

    public static TableType ToManaged(TableTypeN* t) => new(ToValType(TypeAlloc.NotNull(t)->Element->Kind), ToManaged(t->Limits));

    public static MemoryTypeN* ToNative(MemoryType m)
    {
        var limits = ToNative(m.Limits);
        return TypeAlloc.MemoryType(&limits);
    }

    public static MemoryType ToManaged(MemoryTypeN* m) => new(ToManaged(TypeAlloc.NotNull(m)->Limits));

    public static LimitsN ToNative(Limits l) => new() { Min = l.Min, Max = l.Max ?? LimitsN.NoMax };
    public static Limits ToManaged(LimitsN l) => new(l.Min, l.Max == LimitsN.NoMax ? null : l.Max);

    /// <summary>The type of an import or export of <paramref name="m"/>.</summary>
    public static ExternTypeN* ToNative(ModuleInfo m, ExternKind kind, uint index) => kind switch
    {
        ExternKind.Func => (ExternTypeN*)ToNative(m.FunctionType(index)),
        ExternKind.Table => (ExternTypeN*)ToNative(m.Tables[(int)index]),
        ExternKind.Memory => (ExternTypeN*)ToNative(m.Memories[(int)index]),
        _ => (ExternTypeN*)ToNative(m.Globals[(int)index]),
    };

    public static ExternTypeN* ImportType(ModuleInfo m, Import i) => i.Kind switch
    {
        ExternKind.Func => (ExternTypeN*)ToNative(m.Types[(int)i.FuncTypeIndex]),
        ExternKind.Table => (ExternTypeN*)ToNative(i.Table),
        ExternKind.Memory => (ExternTypeN*)ToNative(i.Memory),
        _ => (ExternTypeN*)ToNative(i.Global),
    };

    /// <summary>The type of a live extern.</summary>
    public static ExternTypeN* ToNative(Extern e) => e.Item switch
    {
        Function f => (ExternTypeN*)ToNative(f.Type),
        Table t => (ExternTypeN*)ToNative(t.Type),
        Memory mem => (ExternTypeN*)ToNative(mem.Type),
        _ => (ExternTypeN*)ToNative(((Global)e.Item).Type),
    };

    private static void ValTypes(ValType[] types, Vec* v)
    {
        Vecs.NewUninitialized(v, (nuint)types.Length, sizeof(nint));
        for (int i = 0; i < types.Length; i++) ((ValTypeN**)v->Data)[i] = TypeAlloc.ValType(Kind(types[i]));
    }

    private static ValType[] ValTypes(Vec* v)
    {
        var result = new ValType[(int)v->Size];
        for (int i = 0; i < result.Length; i++) result[i] = ToValType(TypeAlloc.NotNull(Vecs.At<ValTypeN>(v, i))->Kind);
        return result;
    }
}
