using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Artifacts;

/// <summary>Where an artifact's compiler payload lies in the file it is loaded from: a compiler may map its code
/// from <see cref="Handle"/> at a page-aligned offset instead of copying it. Valid only while the load runs.</summary>
/// <param name="Handle">The open file.</param>
/// <param name="PayloadOffset">The payload's first byte, from the start of the file.</param>
public readonly record struct ArtifactFile(SafeFileHandle Handle, long PayloadOffset);
