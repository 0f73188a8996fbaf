using Iced.Intel;
using WasmSharp.Runtime;
using WasmSharp.Singlepass.X64;
using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Singlepass.Tests.X64;

/// <summary>
/// The Windows x64 ABI where generated code meets the runtime, checked on any host by cross-compiling and decoding
/// with Iced (running it is tests/windows/ci.sh's job, under Wine): the entry trampoline's arguments in rcx, rdx, r8,
/// r9 and its saving of rsi, rdi and xmm6-xmm15, libcalls with shadow space and stack arguments, the host-function
/// stub, stack probes for large frames, and the vectored exception handler.
/// </summary>
public class WindowsAbiTests
{
    private static readonly EngineConfig WindowsConfig = new() { Target = TargetIsa.X64, TargetOs = TargetOs.Windows, X64Cpu = X64CpuLevel.Avx };

    /// <summary>Intel syntax with "0x" hex and ", " between operands, one string per instruction.</summary>
    private static List<string> Text(ReadOnlySpan<byte> code)
    {
        var formatter = new IntelFormatter();
        formatter.Options.HexPrefix = "0x";
        formatter.Options.HexSuffix = null;
        formatter.Options.UppercaseHex = false;
        formatter.Options.SmallHexNumbersInDecimal = false;
        formatter.Options.SpaceAfterOperandSeparator = true;
        formatter.Options.RipRelativeAddresses = true;
        var output = new StringOutput();
        var lines = new List<string>();
        foreach (var ins in Disasm.All(code))
        {
            formatter.Format(ins, output);
            lines.Add(output.ToStringAndReset());
        }
        return lines;
    }

    private static void AssertSequence(List<string> lines, params string[] expected)
    {
        for (int i = 0; i + expected.Length <= lines.Count; i++)
        {
            if (expected.Select((e, k) => lines[i + k] == e).All(x => x)) return;
        }
        Assert.Fail($"sequence not found: {string.Join(" ; ", expected)}\nin:\n{string.Join("\n", lines)}");
    }

    [Fact]
    public void TheConfigChoosesTheWindowsAbi()
    {
        var target = Assert.IsType<X64Target>(Target.For(WindowsConfig));
        Assert.Same(X64Abi.Windows, target.Abi);
        Assert.Equal(TargetOs.Windows, target.Os);
        Assert.Equal("x86_64-windows+avx", target.Name);
        Assert.Equal(OperatingSystem.IsWindows() && TargetIsas.Host == TargetIsa.X64, target.CanRunHere);
        var linux = Assert.IsType<X64Target>(Target.For(WindowsConfig with { TargetOs = TargetOs.Linux }));
        Assert.Same(X64Abi.SystemV, linux.Abi);
        Assert.Equal("x86_64+avx", linux.Name);
        Assert.NotEqual(WindowsConfig.CodeSettingsKey(), (WindowsConfig with { TargetOs = TargetOs.Linux }).CodeSettingsKey());
        Assert.Equal(TargetOs.Windows, TargetOses.Parse("Windows", "--os"));
        Assert.Contains("--os", Assert.Throws<ArgumentException>(() => TargetOses.Parse("plan9", "--os")).Message);
        Assert.Throws<PlatformNotSupportedException>(() => Target.For(WindowsConfig with { Target = TargetIsa.Arm64 }));
    }

    [Fact]
    public void TheEntryTrampolineTakesWindowsArgumentsAndSavesItsCalleeSavedRegisters()
    {
        var stubs = X64Stubs.Assemble(X64Abi.Windows);
        var entry = Text(stubs.Bytes.AsSpan(stubs.Entry, stubs.Unwind - stubs.Entry));
        AssertSequence(entry, "push r15", "push rsi", "push rdi", "mov rdi, rcx", "mov rsi, rdx", "mov rdx, r8", "mov rcx, r9");
        for (int i = 0; i < 10; i++)
        {
            Assert.Contains($"movups [rsp+0x{16 * i:x}], xmm{6 + i}".Replace("+0x0]", "]"), entry);
            Assert.Contains($"movups xmm{6 + i}, [rbp-0x{240 - 16 * i:x}]", entry);
        }
        AssertSequence(entry, "mov rsi, [rbp-0x30]", "mov rdi, [rbp-0x38]", "lea rsp, [rbp-0x28]");
        // the argument area is probed page by page before rsp moves over it
        AssertSequence(entry, "sub rax, 0x1000", "cmp rax, r10");
        Assert.Contains("test [rax], eax", entry);
    }

    [Fact]
    public void TheSystemVEntryIsUnchanged()
    {
        var stubs = X64Stubs.Assemble(X64Abi.SystemV);
        var entry = Text(stubs.Bytes.AsSpan(stubs.Entry, stubs.Unwind - stubs.Entry));
        Assert.DoesNotContain(entry, l => l.StartsWith("movups", StringComparison.Ordinal) || l == "push rsi");
        AssertSequence(entry, "push r15", "mov r14, rdi");
    }

    [Fact]
    public void TheHostStubPassesVmctxAndArgumentsInRcxRdxAboveShadowSpace()
    {
        var stubs = X64Stubs.Assemble(X64Abi.Windows);
        var host = Text(stubs.Bytes.AsSpan(stubs.HostFunction, stubs.FaultHandler - stubs.HostFunction));
        AssertSequence(host, "push rbp", "mov rbp, rsp", "sub rsp, 0x20", "mov rcx, r14", "lea rdx, [rbp+0x10]");
        Assert.Contains($"call qword ptr [rax+0x{(int)LibcallId.CallHost * 8:x}]", host);
    }

    [Fact]
    public void TheVectoredHandlerRedirectsAccessViolationsInOurCodeOnly()
    {
        var stubs = X64Stubs.Assemble(X64Abi.Windows);
        var handler = Text(stubs.Bytes.AsSpan(stubs.FaultHandler));
        AssertSequence(handler, "mov rax, [rcx]", "cmp dword ptr [rax], 0xc0000005");
        AssertSequence(handler, "mov rdx, [rcx+0x8]", "mov rax, [rdx+0xf8]");
        AssertSequence(handler, "mov [rdx+0x88], rax");
        Assert.Contains("mov [rdx+0xf8], r10", handler);
        Assert.Contains("mov eax, 0xffffffff", handler);
        AssertSequence(handler, "xor eax, eax", "ret");
    }

    private static unsafe List<string> CompileText(string wat, EngineConfig config)
    {
        var engine = new Engine(new SinglepassCompiler(), config);
        using var module = Module.FromBytes(engine, Wat.ToBinary(wat));
        var code = (SinglepassCode)module.Code;
        return Text(new ReadOnlySpan<byte>((void*)code.Memory.Address, (int)code.CodeSize));
    }

    private const string TableCopy = "(module (table 10 funcref) (func (export \"f\") (param i32 i32 i32) (table.copy (local.get 0) (local.get 1) (local.get 2))))";

    [Fact]
    public void LibcallsPassFourArgumentsInRegistersAndTheRestAboveShadowSpace()
    {
        var text = CompileText(TableCopy, WindowsConfig);
        // table.copy(vmctx, dst table, src table, d, s, n): d in r9, s and n on the stack at rsp+32 and rsp+40
        AssertSequence(text, "sub rsp, 0x30", "mov [rsp+0x20], rax", "mov [rsp+0x28], r11",
            $"mov rax, [r14+0x{VMOffsets.VmctxLibcallTable:x}]", $"call qword ptr [rax+0x{(int)LibcallId.TableCopy * 8:x}]", "add rsp, 0x30");
        Assert.Contains("mov rcx, r14", text);
        Assert.DoesNotContain("mov rdi, r14", text);
    }

    [Fact]
    public void SystemVLibcallsKeepTheirRegisters()
    {
        var text = CompileText(TableCopy, WindowsConfig with { TargetOs = TargetOs.Linux });
        Assert.Contains("mov rdi, r14", text);
        Assert.DoesNotContain("mov [rsp+0x20], rax", text);
    }

    private static string BigFrame(int locals) =>
        $"(module (func (export \"f\") (result i64) (local {string.Concat(Enumerable.Repeat("i64 ", locals))}) (local.get {locals - 1})))";

    [Fact]
    public void FramesAreProbedPageByPageOnWindowsOnly()
    {
        var windows = CompileText(BigFrame(3000), WindowsConfig);
        AssertSequence(windows, "sub rax, 0x1000", "cmp rax, r11");
        Assert.Contains(windows, l => l.StartsWith("test [rax], eax", StringComparison.Ordinal));
        var linux = CompileText(BigFrame(3000), WindowsConfig with { TargetOs = TargetOs.Linux });
        Assert.DoesNotContain(linux, l => l.Contains("0x1000", StringComparison.Ordinal) && l.StartsWith("sub", StringComparison.Ordinal));
    }

    [Fact]
    public unsafe void WindowsCodeIsRefusedOnLinux()
    {
        if (OperatingSystem.IsWindows()) return; // there it runs: the Wine suite's job
        var engine = new Engine(new SinglepassCompiler(), WindowsConfig);
        using var module = Module.FromBytes(engine, Wat.ToBinary("(module (func (export \"f\") (result i32) (i32.const 7)))"));
        using var store = new Store(engine);
        var e = Assert.ThrowsAny<Exception>(() => Instance.Instantiate(store, module, []).GetFunction("f")!.Invoke());
        Assert.Contains("x86_64-windows", e.Message);
    }
}
