namespace WasmSharp.Wasi;

/// <summary>Thrown by <c>proc_exit</c>, or when the host ends the guest (see
/// <see cref="WasiContext.BrokenPipeExitCode"/>): unwinds the guest and carries its exit code to whoever called
/// into Wasm.</summary>
public sealed class WasiExitException(int exitCode, string message) : Exception(message)
{
    /// <summary>The guest exited with <paramref name="exitCode"/>.</summary>
    public WasiExitException(int exitCode) : this(exitCode, $"the guest exited with code {exitCode}")
    {
    }

    /// <summary>The guest's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
