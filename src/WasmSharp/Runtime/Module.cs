using WasmSharp.Compilers;

namespace WasmSharp;

/// <summary>A decoded, validated and compiled module, ready to instantiate any number of times.</summary>
public sealed class Module : IDisposable
{
    public Engine Engine { get; }
    public ModuleInfo Info { get; }
    public CompiledCode Code { get; }
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
        var code = engine.Compiler.Compile(info, engine);
        return new Module(engine, info, code, name);
    }

    public static Module FromFile(Engine engine, string path) =>
        FromBytes(engine, File.ReadAllBytes(path), Path.GetFileName(path));

    public IEnumerable<Import> Imports => Info.Imports;
    public IEnumerable<Export> Exports => Info.Exports;

    public void Dispose() => Code.Dispose();
}
