using System.IO.Compression;

namespace WasmSharp.Fuzz;

/// <summary>
/// A module run written to disk and read back: how the reference's observations travel to an engine that runs
/// elsewhere (Singlepass AArch64 under qemu-aarch64, <see cref="ReplayBatch"/>). <c>NAME.expected</c> holds one line per
/// call (<c>call</c>, export, result, logs, tab-separated) and per global, <c>NAME.memory.gz</c> the final memory's bytes,
/// compressed (compared NaN-payload-insensitively, so a hash would not do).
/// </summary>
public static class Transcript
{
    private const char Tab = '\t';

    public static void Write(string stem, string origin, ModuleRun run)
    {
        using (var w = new StreamWriter(stem + ".expected"))
        {
            w.WriteLine($"# {origin}, {run.Engine}");
            foreach (var call in run.Calls)
                w.WriteLine(string.Join(Tab, ["call", Clean(call.Export), call.Result, .. call.Logs]));
            foreach (var global in run.Globals)
                w.WriteLine("global" + Tab + Clean(global));
        }
        using var memory = new GZipStream(File.Create(stem + ".memory.gz"), CompressionLevel.Fastest);
        memory.Write(run.Memory);
    }

    public static ModuleRun Read(string stem)
    {
        var calls = new List<CallOutcome>();
        var globals = new List<string>();
        string engine = "reference";
        foreach (var line in File.ReadLines(stem + ".expected"))
        {
            var fields = line.Split(Tab);
            if (line.StartsWith('#')) engine = line[(line.LastIndexOf(',') + 1)..].Trim();
            else if (fields is ["call", var export, var result, .. var logs]) calls.Add(new CallOutcome(export, result, logs));
            else if (fields is ["global", var global]) globals.Add(global);
            else if (line.Length > 0) throw new InvalidDataException($"{stem}.expected: cannot read line \"{line}\"");
        }
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(File.OpenRead(stem + ".memory.gz"), CompressionMode.Decompress)) gzip.CopyTo(memory);
        return new ModuleRun(engine, calls, memory.ToArray(), globals);
    }

    /// <summary>Export names are arbitrary UTF-8: a tab or line break in one would break the line format.</summary>
    private static string Clean(string text) => text.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
