using System.CommandLine;
using WasmSharp.Singlepass;

namespace WasmSharp.Cli;

/// <summary>The options that choose and tune the compiler, shared by the commands that run code.</summary>
internal sealed class EngineOptions
{
    public Option<string> Compiler { get; } = new("--compiler")
    {
        Description = "Compiler: singlepass (default), or none to only decode and validate (wast)",
        DefaultValueFactory = _ => "singlepass",
    };

    public Option<string?> Cpu { get; } = new("--cpu")
    {
        Description = "x86-64 code path for Singlepass: avx or sse4.2 (default: detect; WASMSHARP_CPU also sets it)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Compiler);
        command.Options.Add(Cpu);
    }

    /// <summary>The engine the options describe, or null for "none".</summary>
    public Engine? Create(ParseResult parse)
    {
        var cpu = parse.GetValue(Cpu)?.ToLowerInvariant() switch
        {
            null => CpuFeatureLevel.Auto,
            "avx" => CpuFeatureLevel.Avx,
            "sse4.2" or "sse42" => CpuFeatureLevel.Sse42,
            var other => throw new ArgumentException($"unknown --cpu '{other}' (expected avx or sse4.2)"),
        };
        var config = new EngineConfig { Cpu = cpu };
        return parse.GetValue(Compiler)?.ToLowerInvariant() switch
        {
            "singlepass" => new Engine(new SinglepassCompiler(), config),
            "none" => null,
            var other => throw new ArgumentException($"unknown --compiler '{other}' (expected singlepass or none)"),
        };
    }
}
