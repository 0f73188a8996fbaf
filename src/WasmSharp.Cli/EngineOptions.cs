using System.CommandLine;
using WasmSharp.Singlepass;

namespace WasmSharp.Cli;

/// <summary>The options that choose and tune the compiler, shared by the commands that run code.</summary>
internal sealed class EngineOptions
{
    public Option<string> Compiler { get; } = new("--compiler")
    {
        Description = "Compiler: singlepass (default, fast compile), cil (optimizing: Wasm -> CIL -> RyuJIT; not in NativeAOT builds), or none to only decode and validate (wast)",
        DefaultValueFactory = _ => "singlepass",
    };

    public Option<string?> Cpu { get; } = new("--cpu")
    {
        Description = "x86-64 code path for Singlepass: avx or sse4.2 (default: detect; WASMSHARP_CPU also sets it)",
    };

    public Option<string?> Target { get; } = new("--target")
    {
        Description = "Instruction set to compile for: x86_64, aarch64 or host (default); code for another ISA than the host's compiles but does not run",
    };

    public Option<string?> BoundsChecks { get; } = new("--bounds-checks")
    {
        Description = "How Singlepass checks memory accesses: guard-pages (default: out of bounds faults, a signal handler traps) or explicit (a compare and branch per access)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Compiler);
        command.Options.Add(Cpu);
        command.Options.Add(Target);
        command.Options.Add(BoundsChecks);
    }

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
        throw new ArgumentException("the cil compiler needs the .NET JIT (Reflection.Emit) and this is a NativeAOT build: use singlepass, or the JIT build of wasmsharp");
#endif

    /// <summary>A target without a back end is a usage error, reported like the other option errors.</summary>
    private static Engine Singlepass(EngineConfig config)
    {
        try { return new Engine(new SinglepassCompiler(), config); }
        catch (NotSupportedException e) { throw new ArgumentException($"--target: {e.Message}", e); }
    }

    /// <summary>The engine the options describe, or null for "none".</summary>
    public Engine? Create(ParseResult parse)
    {
        var config = new EngineConfig
        {
            X64Cpu = X64CpuLevels.Parse(parse.GetValue(Cpu), "--cpu"),
            Target = TargetIsas.Parse(parse.GetValue(Target), "--target"),
            SignalBasedBoundsChecks = GuardPages(parse.GetValue(BoundsChecks)),
        };
        return parse.GetValue(Compiler)?.ToLowerInvariant() switch
        {
            "singlepass" => Singlepass(config),
            "cil" => Cil(config),
            "none" => null,
            var other => throw new ArgumentException($"unknown --compiler '{other}' (expected singlepass, cil or none)"),
        };
    }
}
