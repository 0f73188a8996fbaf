namespace WasmSharp.Fuzz;

/// <summary>How long and on what a fuzzing campaign runs.</summary>
public sealed record FuzzOptions
{
    public int Seed { get; init; } = Environment.TickCount;
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(1);
    public int MaxModules { get; init; } = int.MaxValue;
    /// <summary>Which generators feed the campaign: "binaryen", "own", or both.</summary>
    public bool UseBinaryen { get; init; } = true;
    public bool UseOwnGenerator { get; init; } = true;
    /// <summary>Whether our own generator makes a third of its modules with v128 values and SIMD operators.</summary>
    public bool OwnSimd { get; init; } = true;
    /// <summary>Where each mismatching module is written with its description (null: not saved).</summary>
    public string? MismatchDir { get; init; }
    /// <summary>Progress lines go here (null: silent).</summary>
    public TextWriter? Progress { get; init; }
}
