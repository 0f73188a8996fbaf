using System.CommandLine;
using WasmSharp.Singlepass;

namespace WasmSharp.Cli;

/// <summary>The options that choose and tune the compiler, shared by the commands that run code.</summary>
/// <param name="allowNone">Whether "--compiler none" (decode and validate only) makes sense for the command.</param>
internal sealed class EngineOptions(bool allowNone)
{
    /// <summary>Largest --max-wasm-stack: the guest thread's stack is this plus a margin, and a thread's size is an int.</summary>
    private const int MaxStackBudget = 1 << 30;

    public Option<string> Compiler { get; } = new("--compiler")
    {
        Description = "Compiler: singlepass (default, fast compile), cil (optimizing: Wasm -> CIL -> RyuJIT; not in NativeAOT builds)" +
            (allowNone ? ", or none to only decode and validate" : ""),
        DefaultValueFactory = _ => "singlepass",
    };

    public Option<string?> Cpu { get; } = new("--cpu")
    {
        Description = "x86-64 code path for Singlepass: avx or sse4.2 (default: detect; WASMSHARP_CPU also sets it)",
    };

    public Option<string?> MaxWasmStack { get; } = new("--max-wasm-stack")
    {
        Description = $"Stack a Wasm call may use before it traps with \"call stack exhausted\", in bytes (K, M or G suffix: KiB, MiB, GiB; default {ByteSize.Format(new EngineConfig().MaxWasmStackBytes)}); the guest runs on a thread whose stack fits it",
        HelpName = "BYTES",
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "Instruction set to compile for: x86_64, x86_64-sse4.2, x86_64-avx, aarch64 or host (default); code for another ISA than the host's compiles but does not run",
    };

    public Option<string?> BoundsChecks { get; } = new("--bounds-checks")
    {
        Description = "How Singlepass checks memory accesses: guard-pages (default: out of bounds faults, a signal handler traps) or explicit (a compare and branch per access)",
    };

    public Option<bool> NoParallelCompilation { get; } = new("--no-parallel-compilation")
    {
        Description = "Compile on the calling thread only (default: a large module's functions are compiled on every core; the code is the same either way)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Compiler);
        command.Options.Add(Cpu);
        command.Options.Add(MaxWasmStack);
        command.Options.Add(Target);
        command.Options.Add(BoundsChecks);
        command.Options.Add(NoParallelCompilation);
        _deterministic.AddTo(command);
    }

    private readonly DeterministicOptions _deterministic = new();

    private static bool GuardPages(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "guard-pages" => true,
        "explicit" => false,
        var other => throw new ArgumentException($"unknown --bounds-checks '{other}' (expected guard-pages or explicit)"),
    };

    private static Engine Cil(EngineConfig config) =>
#if WASMSHARP_CIL
#pragma warning disable IL3050 // compiled only into JIT builds (see the project file), where dynamic code is supported
        new(new WasmSharp.Cil.CilCompiler(), config);
#pragma warning restore IL3050
#else
        throw new UsageException("the cil compiler needs the .NET JIT (Reflection.Emit) and this is a NativeAOT build: use singlepass, or the JIT build of wasmsharp");
#endif

    /// <summary>The engine settings the options describe.</summary>
    public EngineConfig Config(ParseResult parse)
    {
        EngineConfig config;
        try
        {
            var (isa, cpu) = SplitTarget(parse.GetValue(Target));
            config = new EngineConfig
            {
                X64Cpu = X64CpuLevels.Parse(parse.GetValue(Cpu) ?? cpu, "--cpu"),
                Target = TargetIsas.Parse(isa, "--target"),
                SignalBasedBoundsChecks = GuardPages(parse.GetValue(BoundsChecks)),
                ParallelCompilation = !parse.GetValue(NoParallelCompilation),
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (parse.GetValue(MaxWasmStack) is { } stack) config = config with { MaxWasmStackBytes = StackBudget(stack) };
        return _deterministic.Apply(parse, config);
    }

    /// <summary>"x86_64-sse4.2" / "x86_64-avx": an ISA with its CPU level (an explicit --cpu wins).</summary>
    private static (string? Isa, string? Cpu) SplitTarget(string? target)
    {
        foreach (string cpu in (string[])["sse4.2", "avx"])
        {
            if (target?.EndsWith("-" + cpu, StringComparison.OrdinalIgnoreCase) == true) return (target[..^(cpu.Length + 1)], cpu);
        }
        return (target, null);
    }

    /// <summary>A target without a back end is a usage error, reported like the other option errors.</summary>
    private static Engine Singlepass(EngineConfig config)
    {
        try { return new Engine(new SinglepassCompiler(), config); }
        catch (NotSupportedException e) { throw new UsageException($"--target: {e.Message}"); }
    }

    /// <summary>The engine the options describe (with the command's own settings applied by
    /// <paramref name="adjust"/>), or null for "none".</summary>
    public Engine? Create(ParseResult parse, Func<EngineConfig, EngineConfig>? adjust = null)
    {
        var config = Config(parse);
        if (adjust is not null) config = adjust(config);
        return parse.GetValue(Compiler)?.ToLowerInvariant() switch
        {
            "singlepass" => Singlepass(config),
            "cil" => Cil(config),
            "none" when allowNone => null,
            var other => throw new UsageException($"unknown --compiler '{other}' (expected {(allowNone ? "singlepass, cil or none" : "singlepass or cil")})"),
        };
    }

    private static int StackBudget(string text)
    {
        if (ByteSize.Parse(text) is not { } bytes || bytes > MaxStackBudget)
            throw new UsageException($"--max-wasm-stack expects a size in bytes up to 1G (e.g. 8M), got '{text}'");
        return (int)bytes;
    }
}
