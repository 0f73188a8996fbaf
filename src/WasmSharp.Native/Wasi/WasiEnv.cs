using WasmSharp.Wasi;

namespace WasmSharp.Native.Wasi;

/// <summary>What a <c>wasi_env_t</c> stands for: one guest's WASI context and the streams it writes to.</summary>
internal sealed class WasiEnv : IDisposable
{
    private readonly List<Stream> _streams = new();

    public WasiContext Context { get; }

    public WasiEnv(WasiSetup setup)
    {
        try
        {
            var c = setup.Config;
            if (setup.StdinBytes is { } bytes) c.Stdin = Keep(new MemoryStream(bytes, writable: false));
            if (setup.StdinPath is { } i) c.Stdin = Keep(File.OpenRead(i));
            if (setup.StdoutPath is { } o) c.Stdout = Keep(File.Create(o));
            if (setup.StderrPath is { } e) c.Stderr = Keep(File.Create(e));
            Context = new WasiContext(c);
        }
        catch
        {
            CloseStreams();
            throw;
        }
    }

    private Stream Keep(Stream s)
    {
        _streams.Add(s);
        return s;
    }

    public void Dispose()
    {
        Context.FlushStdio();
        Context.Dispose();
        CloseStreams();
    }

    private void CloseStreams()
    {
        foreach (var s in _streams) s.Dispose();
        _streams.Clear();
    }
}
