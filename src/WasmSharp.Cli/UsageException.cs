namespace WasmSharp.Cli;

/// <summary>The command line asks for something that cannot be: reported as one error line with exit code
/// <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);
