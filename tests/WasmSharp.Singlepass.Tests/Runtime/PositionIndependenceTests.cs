using WasmSharp.Runtime;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// Generated code embeds no host address: runtime calls and the unwinder are reached through the table the VM
/// context points to, calls between the module's functions are relative. So the same module compiles to the same
/// bytes wherever its code lands, the prerequisite of precompiled artifacts.
/// </summary>
public unsafe class PositionIndependenceTests
{
    /// <summary>Uses every libcall, traps (the unwinder), host calls, indirect and direct calls.</summary>
    private const string Everything = """
        (module
          (import "env" "host" (func $host (param i32) (result i32)))
          (memory 1)
          (table 4 funcref)
          (elem declare func $direct)
          (data $d "hello")
          (elem $e func $direct)
          (type $t (func (param i32) (result i32)))
          (func $direct (param i32) (result i32) local.get 0 call $host)
          (func (export "run") (param i32) (result i32)
            (drop (memory.grow (i32.const 1)))
            (memory.fill (i32.const 0) (i32.const 7) (i32.const 16))
            (memory.copy (i32.const 32) (i32.const 0) (i32.const 16))
            (memory.init $d (i32.const 64) (i32.const 0) (i32.const 5))
            (data.drop $d)
            (table.init $e (i32.const 0) (i32.const 0) (i32.const 1))
            (elem.drop $e)
            (table.copy (i32.const 1) (i32.const 0) (i32.const 1))
            (table.fill (i32.const 2) (ref.func $direct) (i32.const 1))
            (drop (table.grow (ref.null func) (i32.const 1)))
            (i32.div_s (call_indirect (type $t) (local.get 0) (i32.const 1)) (local.get 0))))
        """;

    private static ReadOnlySpan<byte> CodeOf(Module module)
    {
        var code = (SinglepassCode)module.Code;
        return new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize);
    }

    [X64Fact]
    public void TheCodeRunsAndHoldsNoHostAddress()
    {
        var engine = Wasm.Engine();
        var linker = new Linker().DefineFunction("env", "host", (int x) => x + 1);
        var module = Wasm.Compile(engine, Everything);
        Func<int, int> Run() => linker.Instantiate(new Store(engine), module).GetFunction<int, int>("run");
        Assert.Equal(1, Run()(3));   // (3 + 1) / 3: the libcalls, the host call and call_indirect ran
        // a fresh instance: the first run dropped the data segment
        Assert.Equal(TrapKind.IntegerDivideByZero, Assert.Throws<TrapException>(() => Run()(0)).Kind);

        var stubs = Target.For(engine.Config).Stubs;
        var host = new HashSet<long> { (long)Libcalls.Native.Table, stubs.Entry, stubs.HostFunction, stubs.TrapUnwind, stubs.SignalHandler };
        for (int id = 0; id < LibcallIds.Count; id++) host.Add(Libcalls.Native.Address((LibcallId)id));
        Assert.DoesNotContain(0L, host);
        var code = CodeOf(module);
        for (int i = 0; i + 8 <= code.Length; i++)
        {
            long word = BitConverter.ToInt64(code[i..]);
            Assert.False(host.Contains(word), $"host address 0x{word:x} embedded at code offset {i}");
        }
    }

    [X64Fact]
    public void CompilingTwiceGivesTheSameBytesInDifferentPlaces()
    {
        var engine = Wasm.Engine();
        var first = Wasm.Compile(engine, Everything);
        var second = Wasm.Compile(engine, Everything);
        Assert.NotEqual(first.Code.FunctionCode(0), second.Code.FunctionCode(0));
        Assert.True(CodeOf(first).SequenceEqual(CodeOf(second)));
    }
}
