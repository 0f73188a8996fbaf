namespace WasmSharp.Wasi;

/// <summary>Thrown by <c>proc_exit</c>: unwinds the guest and carries its exit code to whoever called into Wasm.</summary>
public sealed class WasiExitException(int exitCode) : Exception($"the guest exited with code {exitCode}")
{
    public int ExitCode { get; } = exitCode;
}
