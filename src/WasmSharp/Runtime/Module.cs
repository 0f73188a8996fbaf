using WasmSharp.Compilers;

namespace WasmSharp;

/// <summary>
/// A decoded, validated and compiled module, ready to instantiate any number of times, from any thread.
/// <para>Lifetime: its code is reference counted — one reference is the module's own, and every store with an
/// instance of it holds one more. <see cref="Dispose"/> drops the module's own reference: instances keep running, new
/// instantiations throw <see cref="ObjectDisposedException"/>, and the code is freed when the last store using it is
/// disposed or collected. A module dropped without Dispose is freed by the GC once no store uses it.</para>
/// </summary>
public sealed partial class Module : IDisposable
{
    /// <summary>The module's own reference plus one per store using the code; 0 once the code is freed.</summary>
    private int _codeReferences = 1;
    private int _disposed;

    /// <summary>The engine the module was compiled by.</summary>
    public Engine Engine { get; }
    /// <summary>The decoded module.</summary>
    public ModuleInfo Info { get; }
    /// <summary>Internal so that no caller can free code that instances still run; see <see cref="CodeSize"/>.</summary>
    internal CompiledCode Code { get; }
    /// <summary>Size of the generated code in bytes.</summary>
    public long CodeSize => Code.CodeSize;
    /// <summary>A name for messages: the name section's module name, else the file name, else null.</summary>
    public string? Name { get; }

    private Module(Engine engine, ModuleInfo info, CompiledCode code, string? name)
    {
        Engine = engine;
        Info = info;
        Code = code;
        Name = info.Names?.ModuleName ?? name;
    }

    /// <summary>Decodes, validates and compiles a binary module.</summary>
    /// <exception cref="MalformedModuleException"/>
    /// <exception cref="InvalidModuleException"/>
    public static Module FromBytes(Engine engine, byte[] bytes, string? name = null)
    {
        var info = Binary.ModuleDecoder.Decode(bytes);
        Validation.ModuleRestrictions.Validate(info, engine.Config);
        var code = engine.Compiler.Compile(info, engine);
        return new Module(engine, info, code, name);
    }

    /// <summary>Reads, decodes, validates and compiles the module at <paramref name="path"/> (<c>.wasm</c>).</summary>
    public static Module FromFile(Engine engine, string path) =>
        FromBytes(engine, File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>The imports, in order.</summary>
    public IEnumerable<Import> Imports => Info.Imports;
    /// <summary>The exports.</summary>
    public IEnumerable<Export> Exports => Info.Exports;

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Drops the module's own hold on its code (once); see the lifetime rules above.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) ReleaseCodeReference();
    }

    internal void ThrowIfDisposed()
    {
        if (IsDisposed) throw Disposed();
    }

    private ObjectDisposedException Disposed() => new(nameof(Module), $"module {Name ?? "(unnamed)"} has been disposed");

    /// <summary>A store starts using the code; throws once the module is disposed.</summary>
    internal void AddCodeReference()
    {
        while (true)
        {
            int n = Volatile.Read(ref _codeReferences);
            if (n == 0 || IsDisposed) throw Disposed();
            if (Interlocked.CompareExchange(ref _codeReferences, n + 1, n) == n) return;
        }
    }

    internal void ReleaseCodeReference()
    {
        if (Interlocked.Decrement(ref _codeReferences) != 0) return;
        Code.Dispose();
        ReleaseArtifact();
    }
}
