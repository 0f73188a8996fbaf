using Microsoft.Win32.SafeHandles;

namespace WasmSharp.Artifacts;

/// <summary>Where an artifact's compiler payload lies in the file it is loaded from: a compiler may map its code
/// from <see cref="Handle"/> at a page-aligned offset instead of copying it (the handle is valid only while the load
/// runs), and keep slices of <see cref="Payload"/> instead of copying its tables.</summary>
/// <param name="Handle">The open file.</param>
/// <param name="PayloadOffset">The payload's first byte, from the start of the file.</param>
/// <param name="Payload">The payload in the file's mapping, which the loaded module keeps until its code is freed
/// (reading it after that throws <see cref="ObjectDisposedException"/>).</param>
public readonly record struct ArtifactFile(SafeFileHandle Handle, long PayloadOffset, ReadOnlyMemory<byte> Payload);
