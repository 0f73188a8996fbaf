namespace WasmSharp.Artifacts;

/// <summary>The header of an artifact: who made it, for what, and from which module (SHA-256 of its bytes).</summary>
public sealed record ArtifactHeader(int FormatVersion, string WasmSharpVersion, ArtifactTarget Target, byte[] ModuleHash)
{
    /// <summary>The module hash in lower-case hex.</summary>
    public string ModuleHashHex => Convert.ToHexStringLower(ModuleHash);
}
