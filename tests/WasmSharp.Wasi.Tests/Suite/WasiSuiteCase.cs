using System.Text.Json;
using WasmSharp.Wast;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>
/// One test of ../shared/wasi-testsuite: <c>name.wasm</c> and the optional <c>name.json</c> beside it (args, env,
/// root, exit_code, stdout, stderr; defaults as in the suite's README).
/// </summary>
public sealed record WasiSuiteCase(string Id, string WasmPath, string[] Args, KeyValuePair<string, string>[] Env,
    string? RootDir, int ExitCode, string? Stdout, string? Stderr)
{
    public static string SuiteRoot => Path.Combine(SharedData.WasiTestsuite, "tests");

    /// <summary>Every test id, "language/name", sorted.</summary>
    public static IEnumerable<string> AllIds() =>
        Directory.EnumerateDirectories(SuiteRoot)
            .SelectMany(lang => Directory.EnumerateFiles(Path.Combine(lang, "testsuite", "wasm32-wasip1"), "*.wasm")
                .Select(f => Path.GetFileName(lang) + "/" + Path.GetFileNameWithoutExtension(f)))
            .Order(StringComparer.Ordinal);

    public static WasiSuiteCase Load(string id)
    {
        var (lang, name) = (id[..id.IndexOf('/')], id[(id.IndexOf('/') + 1)..]);
        string dir = Path.Combine(SuiteRoot, lang, "testsuite", "wasm32-wasip1");
        string json = Path.Combine(dir, name + ".json");
        using var doc = JsonDocument.Parse(File.Exists(json) ? File.ReadAllText(json) : "{}");
        var r = doc.RootElement;
        return new WasiSuiteCase(
            id,
            Path.Combine(dir, name + ".wasm"),
            r.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(e => e.GetString()!).ToArray() : [],
            r.TryGetProperty("env", out var e) ? e.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToArray() : [],
            r.TryGetProperty("root", out var root) && root.ValueKind == JsonValueKind.String ? Path.Combine(dir, root.GetString()!) : null,
            r.TryGetProperty("exit_code", out var code) ? code.GetInt32() : 0,
            r.TryGetProperty("stdout", out var o) ? o.GetString() : null,
            r.TryGetProperty("stderr", out var err) ? err.GetString() : null);
    }

    /// <summary>The WASI configuration the suite asks for: argv[0] is the module's file name, the environment is
    /// exactly <see cref="Env"/>, and <paramref name="rootCopy"/> (if any) is pre-opened as "/".</summary>
    public WasiConfig Config(string? rootCopy, Stream stdout, Stream stderr)
    {
        var config = new WasiConfig { Stdin = new MemoryStream(), Stdout = stdout, Stderr = stderr };
        config.WithArgs(Path.GetFileName(WasmPath)).WithArgs(Args);
        foreach (var kv in Env) config.WithEnv(kv.Key, kv.Value);
        if (rootCopy is not null) config.PreopenDirectory(rootCopy, "/");
        return config;
    }
}
