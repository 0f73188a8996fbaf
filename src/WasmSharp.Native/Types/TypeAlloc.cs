using System.Runtime.InteropServices;
using WasmSharp.Native.Interop;

namespace WasmSharp.Native.Types;

/// <summary>Creation, copy and deletion of the native type structs; every "own" pointer the C side gets is made here.</summary>
internal static unsafe class TypeAlloc
{
    public static T* Alloc<T>() where T : unmanaged => (T*)NativeMemory.AllocZeroed((nuint)sizeof(T));

    public static ValTypeN* ValType(ValKind kind)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentException($"{(byte)kind} is not a wasm_valkind_t");
        var v = Alloc<ValTypeN>();
        v->Kind = kind;
        return v;
    }

    public static void* CopyValType(void* v) => ValType(NotNull((ValTypeN*)v)->Kind);
    public static void DeleteValType(void* v) => NativeMemory.Free(v);

    /// <summary>Takes ownership of both vecs' contents (the standard's wasm_functype_new).</summary>
    public static FuncTypeN* FuncType(Vec* parameters, Vec* results)
    {
        CheckValTypes(parameters);
        CheckValTypes(results);
        var f = Alloc<FuncTypeN>();
        f->Header.Kind = CExternKind.Func;
        f->Params = *parameters;
        f->Results = *results;
        *parameters = default;
        *results = default;
        return f;
    }

    public static void* CopyFuncType(void* p)
    {
        var src = NotNull((FuncTypeN*)p);
        var f = Alloc<FuncTypeN>();
        f->Header.Kind = CExternKind.Func;
        Vecs.CopyPointers(&f->Params, &src->Params, &CopyValType);
        Vecs.CopyPointers(&f->Results, &src->Results, &CopyValType);
        return f;
    }

    public static void DeleteFuncType(void* p)
    {
        if (p == null) return;
        var f = (FuncTypeN*)p;
        Vecs.DeletePointers(&f->Params, &DeleteValType);
        Vecs.DeletePointers(&f->Results, &DeleteValType);
        NativeMemory.Free(f);
    }

    /// <summary>Takes ownership of <paramref name="content"/>.</summary>
    public static GlobalTypeN* GlobalType(ValTypeN* content, byte mutability)
    {
        NotNull(content);
        if (mutability > 1) throw new ArgumentException($"{mutability} is not a wasm_mutability_t");
        var g = Alloc<GlobalTypeN>();
        g->Header.Kind = CExternKind.Global;
        g->Content = content;
        g->Mutability = mutability;
        return g;
    }

    public static void* CopyGlobalType(void* p)
    {
        var src = NotNull((GlobalTypeN*)p);
        return GlobalType((ValTypeN*)CopyValType(src->Content), src->Mutability);
    }

    public static void DeleteGlobalType(void* p)
    {
        if (p == null) return;
        DeleteValType(((GlobalTypeN*)p)->Content);
        NativeMemory.Free(p);
    }

    /// <summary>Takes ownership of <paramref name="element"/>, which must be a reference type.</summary>
    public static TableTypeN* TableType(ValTypeN* element, LimitsN* limits)
    {
        NotNull(element);
        NotNull(limits);
        if (element->Kind is not (ValKind.FuncRef or ValKind.AnyRef)) throw new ArgumentException("a table's element type must be funcref or anyref");
        var t = Alloc<TableTypeN>();
        t->Header.Kind = CExternKind.Table;
        t->Element = element;
        t->Limits = *limits;
        return t;
    }

    public static void* CopyTableType(void* p)
    {
        var src = NotNull((TableTypeN*)p);
        return TableType((ValTypeN*)CopyValType(src->Element), &src->Limits);
    }

    public static void DeleteTableType(void* p)
    {
        if (p == null) return;
        DeleteValType(((TableTypeN*)p)->Element);
        NativeMemory.Free(p);
    }

    public static MemoryTypeN* MemoryType(LimitsN* limits)
    {
        NotNull(limits);
        var m = Alloc<MemoryTypeN>();
        m->Header.Kind = CExternKind.Memory;
        m->Limits = *limits;
        return m;
    }

    public static void* CopyMemoryType(void* p) => MemoryType(&NotNull((MemoryTypeN*)p)->Limits);
    public static void DeleteMemoryType(void* p) => NativeMemory.Free(p);

    public static void* CopyExternType(void* p) => NotNull((ExternTypeN*)p)->Kind switch
    {
        CExternKind.Func => CopyFuncType(p),
        CExternKind.Global => CopyGlobalType(p),
        CExternKind.Table => CopyTableType(p),
        _ => CopyMemoryType(p),
    };

    public static void DeleteExternType(void* p)
    {
        if (p == null) return;
        switch (((ExternTypeN*)p)->Kind)
        {
            case CExternKind.Func: DeleteFuncType(p); break;
            case CExternKind.Global: DeleteGlobalType(p); break;
            case CExternKind.Table: DeleteTableType(p); break;
            default: DeleteMemoryType(p); break;
        }
    }

    /// <summary>Takes ownership of the names' contents and of <paramref name="type"/>.</summary>
    public static ImportTypeN* ImportType(Vec* module, Vec* name, ExternTypeN* type)
    {
        NotNull(module);
        NotNull(name);
        NotNull(type);
        var i = Alloc<ImportTypeN>();
        i->Module = *module;
        i->Name = *name;
        i->Type = type;
        *module = default;
        *name = default;
        return i;
    }

    public static void* CopyImportType(void* p)
    {
        var src = NotNull((ImportTypeN*)p);
        var i = Alloc<ImportTypeN>();
        Vecs.Copy(&i->Module, &src->Module, 1);
        Vecs.Copy(&i->Name, &src->Name, 1);
        i->Type = (ExternTypeN*)CopyExternType(src->Type);
        return i;
    }

    public static void DeleteImportType(void* p)
    {
        if (p == null) return;
        var i = (ImportTypeN*)p;
        Vecs.Delete(&i->Module);
        Vecs.Delete(&i->Name);
        DeleteExternType(i->Type);
        NativeMemory.Free(i);
    }

    public static ExportTypeN* ExportType(Vec* name, ExternTypeN* type)
    {
        NotNull(name);
        NotNull(type);
        var e = Alloc<ExportTypeN>();
        e->Name = *name;
        e->Type = type;
        *name = default;
        return e;
    }

    public static void* CopyExportType(void* p)
    {
        var src = NotNull((ExportTypeN*)p);
        var e = Alloc<ExportTypeN>();
        Vecs.Copy(&e->Name, &src->Name, 1);
        e->Type = (ExternTypeN*)CopyExternType(src->Type);
        return e;
    }

    public static void DeleteExportType(void* p)
    {
        if (p == null) return;
        var e = (ExportTypeN*)p;
        Vecs.Delete(&e->Name);
        DeleteExternType(e->Type);
        NativeMemory.Free(e);
    }

    public static T* NotNull<T>(T* p) where T : unmanaged =>
        p != null ? p : throw new ArgumentNullException(typeof(T).Name, "type pointer is NULL");

    private static void CheckValTypes(Vec* v)
    {
        NotNull(v);
        for (int i = 0; i < (int)v->Size; i++) NotNull(Vecs.At<ValTypeN>(v, i));
    }
}
