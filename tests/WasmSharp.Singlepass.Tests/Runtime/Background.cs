using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>A call on a thread of its own (a blocked Wasm call must not hold a pool thread); its exception is
/// re-thrown by <see cref="Result"/>.</summary>
internal sealed class Background<T>
{
    private readonly Thread _thread;
    private T? _result;
    private Exception? _error;

    public Background(Func<T> body)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result = body();
            }
            catch (Exception e)
            {
                _error = e;
            }
        });
        _thread.Start();
    }

    public T Result()
    {
        Assert.True(_thread.Join(30_000), "the background call did not finish");
        if (_error is not null) throw new Xunit.Sdk.XunitException($"background call failed: {_error}");
        return _result!;
    }
}

internal static class Background
{
    public static Background<T> Run<T>(Func<T> body) => new(body);
}
