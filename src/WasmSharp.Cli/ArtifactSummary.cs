using System.Text.Json;
using WasmSharp.Artifacts;

namespace WasmSharp.Cli;

/// <summary><c>inspect</c> of a precompiled artifact: its header (checked, so a damaged file says so), then the
/// summary of the module it holds. That module has empty function bodies (the code replaces them; see
/// <see cref="Module.Serialize"/>), so it is decoded, not validated: it was validated when it was compiled.</summary>
internal static class ArtifactSummary
{
    public static int Print(byte[] bytes, string name, bool json)
    {
        var contents = ArtifactFormat.Read(bytes);
        var h = contents.Header;
        var module = Binary.ModuleDecoder.Decode(contents.Module.ToArray());
        if (json)
        {
            Console.WriteLine(Json(h, contents));
            return 0;
        }
        Console.WriteLine($"{name}: WasmSharp precompiled artifact (format {h.FormatVersion})");
        Console.WriteLine($"  made by:  WasmSharp {h.WasmSharpVersion}, {h.Target.Compiler} compiler");
        Console.WriteLine($"  target:   {h.Target.Target}");
        Console.WriteLine($"  settings: {h.Target.Settings}");
        Console.WriteLine($"  module:   xxh128 {h.ModuleHashHex}; kept without function bodies: {contents.Module.Length} bytes");
        if (!contents.DataImage.IsEmpty)
            Console.WriteLine($"  data:     image of the active segments: {contents.DataImage.Length} bytes");
        Console.WriteLine($"  code:     {contents.Payload.Length} bytes");
        Console.Write(ModuleSummary.From(module).ToText(name));
        return 0;
    }

    private static string Json(ArtifactHeader h, ArtifactContents contents)
    {
        var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", h.FormatVersion);
            w.WriteString("wasmsharpVersion", h.WasmSharpVersion);
            w.WriteString("compiler", h.Target.Compiler);
            w.WriteString("target", h.Target.Target);
            w.WriteString("settings", h.Target.Settings);
            w.WriteString("moduleXxh128", h.ModuleHashHex);
            w.WriteNumber("moduleBytes", contents.Module.Length);
            w.WriteNumber("dataImageBytes", contents.DataImage.Length);
            w.WriteNumber("codePayloadBytes", contents.Payload.Length);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
