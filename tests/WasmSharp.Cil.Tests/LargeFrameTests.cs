namespace WasmSharp.Cil.Tests;

/// <summary>Exhaustion by functions whose frames are huge (tens of thousands of locals).</summary>
public class LargeFrameTests
{
    [Fact]
    public void RecursionWithHugeFramesTraps()
    {
        // on a small stack the limit is the stack's low end plus the runtime's reserve: a frame bigger than that
        // reserve must still trap, not overflow
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { Run(); }
            catch (Exception e) { error = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(error);
    }

    private static void Run()
    {
        var engine = new Engine(new CilCompiler());
        using var store = new Store(engine);
        var b = new WasmBuilder();
        int t = b.Type([ValType.I64], [ValType.I64]);
        // 40000 v128 locals (640 KB), all live across the recursive call
        const int n = 40000;
        var decls = new List<byte>();
        decls.AddRange(WasmBuilder.U32(1));
        decls.AddRange(WasmBuilder.U32(n));
        decls.Add((byte)ValType.V128);
        var code = new List<byte>();
        for (int k = 1; k <= n; k++)
        {
            code.AddRange([0x20, 0, 0xFD, 0x12, 0x21]); // local.get 0; i64x2.splat; local.set k
            code.AddRange(WasmBuilder.U32(k));
        }
        code.AddRange([0x20, 0, 0x10, 0]); // f(local 0)
        for (int k = 1; k <= n; k++)
        {
            code.Add(0x20);
            code.AddRange(WasmBuilder.U32(k));
            code.AddRange([0xFD, 0x1D, 0, 0x7C]); // i64x2.extract_lane 0; i64.add
        }
        b.Export("f", b.FuncWithLocals(t, decls.ToArray(), code.ToArray()));
        var f = new Linker().Instantiate(store, Module.FromBytes(engine, b.Build())).GetFunction("f")!;
        var e = Assert.Throws<TrapException>(() => f.Invoke(Value.I64(1)));
        Assert.Equal(TrapKind.CallStackExhausted, e.Kind);
    }
}
