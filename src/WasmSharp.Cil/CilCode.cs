using WasmSharp.Compilers;

namespace WasmSharp.Cil;

/// <summary>A module's compiled functions: entry points of the methods of one collectible dynamic type.</summary>
internal sealed class CilCode(Type functions, nint[] entryPoints, long ilSize) : CompiledCode
{
    /// <summary>Held so that the collectible assembly lives as long as this code does.</summary>
    public Type Functions { get; } = functions;

    public override nint FunctionCode(int definedIndex) => entryPoints[definedIndex];

    /// <summary>The CIL size: the machine code is RyuJIT's, produced on first call.</summary>
    public override long CodeSize => ilSize;
}
