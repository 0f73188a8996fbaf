using System.Runtime.InteropServices;

namespace WasmSharp;

/// <summary>An instruction set a compiler can target.</summary>
public enum TargetIsa
{
    /// <summary>The instruction set of the running process.</summary>
    Host,
    /// <summary>x86-64 (System V ABI on Linux).</summary>
    X64,
    /// <summary>AArch64 (AAPCS64 on Linux).</summary>
    Arm64,
}

/// <summary>Names and host detection for <see cref="TargetIsa"/>.</summary>
public static class TargetIsas
{
    /// <summary>The running process's ISA (<see cref="TargetIsa.Host"/> itself when it is neither of ours).</summary>
    public static TargetIsa Host => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => TargetIsa.X64,
        Architecture.Arm64 => TargetIsa.Arm64,
        _ => TargetIsa.Host,
    };

    /// <summary>Parses a target name (x86_64|x64|aarch64|arm64|host); anything else is an error naming <paramref name="source"/>.</summary>
    public static TargetIsa Parse(string? text, string source) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "host" => TargetIsa.Host,
        "x86_64" or "x86-64" or "x64" or "amd64" => TargetIsa.X64,
        "aarch64" or "arm64" => TargetIsa.Arm64,
        _ => throw new ArgumentException($"{source}: unknown target '{text}' (expected x86_64, aarch64 or host)"),
    };
}

/// <summary>The operating system whose ABI generated code follows where it meets the runtime (calls into .NET,
/// the entry trampoline, fault handling). Wasm-to-Wasm calls use our own convention on every OS.</summary>
public enum TargetOs
{
    /// <summary>The operating system of the running process.</summary>
    Host,
    /// <summary>Linux: System V ABI on x86-64, AAPCS64 on AArch64, POSIX signals.</summary>
    Linux,
    /// <summary>Windows: the Microsoft x64 ABI, vectored exception handling.</summary>
    Windows,
}

/// <summary>Names and host detection for <see cref="TargetOs"/>.</summary>
public static class TargetOses
{
    /// <summary>The running process's OS (<see cref="TargetOs.Host"/> itself when it is neither of ours).</summary>
    public static TargetOs Host =>
        OperatingSystem.IsLinux() ? TargetOs.Linux : OperatingSystem.IsWindows() ? TargetOs.Windows : TargetOs.Host;

    /// <summary>Parses an OS name (linux|windows|host); anything else is an error naming <paramref name="source"/>.</summary>
    public static TargetOs Parse(string? text, string source) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "host" => TargetOs.Host,
        "linux" => TargetOs.Linux,
        "windows" or "win" => TargetOs.Windows,
        _ => throw new ArgumentException($"{source}: unknown operating system '{text}' (expected linux, windows or host)"),
    };
}
