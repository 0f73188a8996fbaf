namespace WasmSharp.Cli;

/// <summary>
/// The exit codes of <c>wasmsharp</c>, chosen as Wasmtime chooses them. <c>run</c> otherwise exits with the guest's
/// own code: its <c>proc_exit</c> argument, or 0 when <c>_start</c> (or the <c>--invoke</c> function) returns.
/// Every failure prints one line <c>error: ...</c> on stderr (a trap adds its Wasm backtrace below it).
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The module cannot be read, decoded, validated, compiled, linked or instantiated; an
    /// <c>--invoke</c> argument does not fit its type; a limit of the host (memory, address space) was hit;
    /// or anything else went wrong.</summary>
    public const int Error = 1;

    /// <summary>The command line cannot be parsed (unknown option, missing file, bad option value), as with
    /// Wasmtime's argument parser.</summary>
    public const int Usage = 2;

    /// <summary>The guest trapped: 128 + SIGABRT, as Wasmtime exits on Unix.</summary>
    public const int Trap = 134;

    /// <summary>The guest kept writing to a stdout or stderr pipe with no reader: 128 + SIGPIPE, what the shell
    /// shows for a native program in <c>yes | head -1</c>. Nothing is printed, as for a native program.</summary>
    public const int BrokenPipe = WasmSharp.Wasi.WasiContext.BrokenPipeExitCode;
}
