namespace WasmSharp.Text.Script;

/// <summary>How a script's module is given.</summary>
public enum ModuleSourceKind
{
    /// <summary>Binary bytes: a <c>.wasm</c> file, <c>(module binary ...)</c>, or a text module already encoded.</summary>
    Binary,
    /// <summary>WAT text still to be parsed (wast2json's <c>.wat</c> files, <c>(module quote ...)</c>).</summary>
    Text,
}

/// <summary>A module as a script gives it. <see cref="Description"/> says where it came from (file name or line).</summary>
public sealed record ModuleSource(ModuleSourceKind Kind, byte[]? Binary, string? Text, string Description)
{
    /// <summary>A binary module.</summary>
    public static ModuleSource FromBinary(byte[] bytes, string description) => new(ModuleSourceKind.Binary, bytes, null, description);
    /// <summary>A text module.</summary>
    public static ModuleSource FromText(string text, string description) => new(ModuleSourceKind.Text, null, text, description);
}
