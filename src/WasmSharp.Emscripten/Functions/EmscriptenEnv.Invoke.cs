namespace WasmSharp.Emscripten;

internal sealed partial class EmscriptenEnv
{
    private const string InvokePrefix = "invoke_";

    /// <summary>
    /// <c>invoke_SIG(index, args...)</c>: emcc wraps each call that may throw or longjmp in one of these. Like the
    /// glue, it calls table entry <c>index</c>; when a C++ throw or a longjmp unwinds out of it, it restores the
    /// stack pointer and calls <c>setThrew(1, 0)</c>, so the caller's landing pad runs. Traps and exits pass through.
    /// </summary>
    private HostDef? Invoke(string sig)
    {
        FuncType callee;
        try
        {
            callee = Signature.Parse(sig);
        }
        catch (ArgumentException)
        {
            return null;
        }
        var type = new FuncType([ValType.I32, .. callee.Params], callee.Results);
        return new HostDef(type, (a, r) =>
        {
            var f = TableFunction(U(a, 0), callee);
            int sp = Export("stackSave").Invoke()[0].AsInt32();
            try
            {
                f.Invoke(a[1..]).CopyTo(r);
            }
            catch (GuestUnwind)
            {
                Export("stackRestore").Invoke(Value.I32(sp));
                Export("setThrew").Invoke(Value.I32(1), Value.I32(0));
                for (int i = 0; i < r.Length; i++) r[i] = Value.Default(callee.Results[i]);
            }
        });
    }

    /// <summary>Table entry <paramref name="index"/>, which must have type <paramref name="expected"/> (else the
    /// trap <c>call_indirect</c> would give).</summary>
    private Function TableFunction(uint index, FuncType expected)
    {
        var table = FunctionTable;
        if (index >= table.Size) throw new TrapException(TrapKind.OutOfBoundsTableAccess);
        var f = table.Get(index).AsFunction() ?? throw new TrapException(TrapKind.UninitializedElement);
        if (!f.Type.Equals(expected)) throw new TrapException(TrapKind.IndirectCallTypeMismatch);
        return f;
    }
}
