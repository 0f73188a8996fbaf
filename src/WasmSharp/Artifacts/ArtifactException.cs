namespace WasmSharp.Artifacts;

/// <summary>A precompiled artifact that cannot be loaded: not an artifact, damaged, or made for another version,
/// target or configuration. The message says which.</summary>
public sealed class ArtifactException(string message) : Exception(message);
