namespace WasmSharp.Artifacts;

/// <summary>The header of an artifact: who made it, for what, and from which module (<see cref="ArtifactFormat.HashModule"/> of its bytes: XXH128).</summary>
public sealed record ArtifactHeader(int FormatVersion, string WasmSharpVersion, ArtifactTarget Target, byte[] ModuleHash)
{
    /// <summary>The module hash in lower-case hex.</summary>
    public string ModuleHashHex => Convert.ToHexStringLower(ModuleHash);
}
