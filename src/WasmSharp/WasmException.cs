namespace WasmSharp;

/// <summary>Base of every error WasmSharp raises for a module or its execution.</summary>
public class WasmException : Exception
{
    public WasmException(string message) : base(message) { }
    public WasmException(string message, Exception inner) : base(message, inner) { }
}
