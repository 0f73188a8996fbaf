using WasmSharp.Runtime;

namespace WasmSharp;

// The allocation-free call: arguments and results in caller-provided spans; the Value[] overloads build on it.
public sealed unsafe partial class Function
{
    /// <summary>Calls the function with <paramref name="args"/> and writes its results to <paramref name="results"/>,
    /// whose length must be the result count. Allocates nothing on the way.</summary>
    /// <exception cref="ArgumentException">Wrong number or types of arguments, or a results span of the wrong length.</exception>
    /// <exception cref="TrapException">The call trapped; host exceptions are re-thrown unchanged.</exception>
    public void Invoke(ReadOnlySpan<Value> args, Span<Value> results)
    {
        var type = Type;
        Store.SweepExternRefsIfDue();
        if (args.Length != type.Params.Length) throw new ArgumentException($"expected {type.Params.Length} arguments, got {args.Length}");
        if (results.Length != type.Results.Length) throw new ArgumentException($"expected room for {type.Results.Length} results, got {results.Length}");
        int areaBytes = ValueLayout.AreaSize(type);
        ulong* area = stackalloc ulong[Math.Max(areaBytes / 8, 2)];
        int offset = 0;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].Type != type.Params[i]) throw new ArgumentException($"argument {i}: expected {type.Params[i].Name()}, got {args[i].Type.Name()}");
            Store.WriteValue((byte*)area + offset, args[i]);
            offset += ValueLayout.SlotSize(type.Params[i]);
        }
        Store.Enter(FuncRef, type, area);
        offset = 0;
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = Store.ReadValue((byte*)area + offset, type.Results[i]);
            offset += ValueLayout.SlotSize(type.Results[i]);
        }
    }
}
