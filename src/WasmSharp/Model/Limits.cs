namespace WasmSharp;

/// <summary>Size limits of a table (elements) or memory (pages).</summary>
public readonly record struct Limits(uint Min, uint? Max)
{
    /// <summary>The WAT form: min and optional max.</summary>
    public override string ToString() => Max is { } m ? $"{Min} {m}" : $"{Min}";

    /// <summary>Import subtyping: the actual limits must lie within the expected ones.</summary>
    public bool Matches(Limits expected) =>
        Min >= expected.Min && (expected.Max is not { } em || (Max is { } m && m <= em));
}
