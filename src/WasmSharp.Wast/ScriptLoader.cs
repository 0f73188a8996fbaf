using WasmSharp.Text;
using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>Loads a script by its extension: <c>.wast</c> text, or wast2json <c>.json</c>.</summary>
public static class ScriptLoader
{
    public static Script Load(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => JsonScriptReader.Read(path),
        ".wast" => WastParser.Parse(File.ReadAllText(path), path),
        var ext => throw new FormatException($"{path}: unsupported script type '{ext}' (expected .wast or .json)"),
    };
}
