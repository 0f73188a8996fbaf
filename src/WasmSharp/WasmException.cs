namespace WasmSharp;

/// <summary>Base of every error WasmSharp raises for a module or its execution.</summary>
public class WasmException : Exception
{
    /// <summary>An error described by <paramref name="message"/>.</summary>
    public WasmException(string message) : base(message) { }
    /// <summary>An error described by <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public WasmException(string message, Exception inner) : base(message, inner) { }
}
