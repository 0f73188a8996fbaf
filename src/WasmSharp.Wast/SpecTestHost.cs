namespace WasmSharp.Wast;

/// <summary>The <c>spectest</c> host module the spec scripts import from (spec/interpreter/host/spectest.ml).</summary>
public static class SpecTestHost
{
    public static void Define(Linker linker, Store store)
    {
        const string M = "spectest";
        linker.Define(M, "global_i32", store.CreateGlobal(new GlobalType(ValType.I32, false), Value.I32(666)));
        linker.Define(M, "global_i64", store.CreateGlobal(new GlobalType(ValType.I64, false), Value.I64(666)));
        linker.Define(M, "global_f32", store.CreateGlobal(new GlobalType(ValType.F32, false), Value.F32Bits(0x4426a666)));
        linker.Define(M, "global_f64", store.CreateGlobal(new GlobalType(ValType.F64, false), Value.F64Bits(0x4084d4cccccccccd)));
        linker.Define(M, "table", store.CreateTable(new TableType(ValType.FuncRef, new Limits(10, 20)), Value.FuncRef(null)));
        linker.Define(M, "memory", store.CreateMemory(new MemoryType(new Limits(1, 2))));
        Print(linker, "print");
        Print(linker, "print_i32", ValType.I32);
        Print(linker, "print_i64", ValType.I64);
        Print(linker, "print_f32", ValType.F32);
        Print(linker, "print_f64", ValType.F64);
        Print(linker, "print_i32_f32", ValType.I32, ValType.F32);
        Print(linker, "print_f64_f64", ValType.F64, ValType.F64);
    }

    private static void Print(Linker linker, string name, params ValType[] ps) =>
        linker.DefineFunction("spectest", name, new FuncType(ps, []), static (_, _) => { });
}
