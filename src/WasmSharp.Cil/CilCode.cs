using WasmSharp.Compilers;

namespace WasmSharp.Cil;

/// <summary>A module's compiled functions: entry points of the methods of one collectible dynamic type.</summary>
internal sealed class CilCode(Type functions, nint[] entryPoints, LazyModule? lazy, long size, CilSiteMap?[] siteMaps) : CompiledCode
{
    /// <summary>Each defined function's site map, once emitted (see <see cref="CilSiteMap"/>).</summary>
    public CilSiteMap? SiteMap(int definedIndex) => Volatile.Read(ref siteMaps[definedIndex]);

    /// <summary>Held so that the collectible assembly lives as long as this code does.</summary>
    public Type Functions { get; } = functions;

    /// <summary>A lazily compiled function's code once it exists, so that new instances skip its stub.</summary>
    public override nint FunctionCode(int definedIndex) =>
        lazy?.Compiled(definedIndex) is { } code && code != 0 ? code : entryPoints[definedIndex];

    /// <summary>The module's number (<see cref="Backtraces.NextModule"/>), by which backtraces find this code.</summary>
    public int ModuleNumber { get; set; }

    public override void Dispose()
    {
        Backtraces.Unregister(ModuleNumber);
        base.Dispose();
    }

    /// <summary>The CIL size (for lazy modules, the Wasm code size): the machine code is RyuJIT's, made on first call.</summary>
    public override long CodeSize => size;
}
