using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary>Deterministic execution and the language subset: <c>--deterministic</c>, <c>--max-stack-height</c>,
/// <c>--disable-features</c> (part of <see cref="EngineOptions"/>, so every command that builds an engine has them).</summary>
internal sealed class DeterministicOptions
{
    public Option<bool> Deterministic { get; } = new("--deterministic")
    {
        Description = "Deterministic execution (consensus, replay): every float result that is NaN becomes the canonical NaN, " +
            "so results are bit-identical on every compiler and ISA, and calls are limited by a stack budget counted in Wasm " +
            "values (--max-stack-height), so \"call stack exhausted\" strikes at the same depth everywhere. WASI clocks and " +
            "random stay real: they are host functions, outside the mode",
    };

    public Option<int?> MaxStackHeight { get; } = new("--max-stack-height")
    {
        Description = $"With --deterministic: the stack budget in Wasm values (each call costs 2 + its parameters, locals and " +
            $"largest operand stack; default {new EngineConfig().MaxStackHeight})",
        HelpName = "VALUES",
    };

    public Option<string?> DisableFeatures { get; } = new("--disable-features")
    {
        Description = "Comma-separated Wasm features a module may not use (validation fails naming them): simd, reference-types, " +
            "bulk-memory, multi-value, sign-extension, saturating-float-to-int, mutable-globals",
        HelpName = "LIST",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Deterministic);
        command.Options.Add(MaxStackHeight);
        command.Options.Add(DisableFeatures);
    }

    /// <summary><paramref name="config"/> with the options applied.</summary>
    /// <exception cref="UsageException">A bad value.</exception>
    public EngineConfig Apply(ParseResult parse, EngineConfig config)
    {
        if (parse.GetValue(Deterministic)) config = config with { Deterministic = true };
        if (parse.GetValue(MaxStackHeight) is { } height)
        {
            if (height <= 0) throw new UsageException($"--max-stack-height must be positive, got {height}");
            if (!config.Deterministic) throw new UsageException("--max-stack-height applies only with --deterministic");
            config = config with { MaxStackHeight = height };
        }
        if (parse.GetValue(DisableFeatures) is { } names)
        {
            try { config = config with { Features = config.Features.Without(names) }; }
            catch (ArgumentException e) { throw new UsageException($"--disable-features: {e.Message}"); }
        }
        return config;
    }
}
