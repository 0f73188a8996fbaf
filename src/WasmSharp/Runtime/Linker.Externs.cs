namespace WasmSharp;

// Resolution without instantiation: the ordered import list a positional instantiation takes (the C API's
// wasi_get_imports, or a host that adds its own items before instantiating).
public sealed partial class Linker
{
    /// <summary>The definitions for the module's imports, in import order (host functions are made in
    /// <paramref name="store"/> on first use, as <see cref="Instantiate"/> does).</summary>
    /// <exception cref="LinkException">An import is missing or has the wrong type.</exception>
    public Extern[] ResolveImports(Store store, Module module) => Array.ConvertAll(Resolve(store, module), Extern.From);
}
