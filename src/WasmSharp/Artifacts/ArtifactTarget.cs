namespace WasmSharp.Artifacts;

/// <summary>What compiled code depends on besides the module: the compiler, the target (ISA and CPU features, e.g.
/// "x86_64+avx") and the code-changing settings as <c>key=value</c> pairs separated by ';'.</summary>
public sealed record ArtifactTarget(string Compiler, string Target, string Settings);
