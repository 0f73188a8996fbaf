using WasmSharp.Wasi;

namespace WasmSharp.Native.Wasi;

/// <summary>What a <c>wasi_config_t</c> stands for: the guest's configuration, plus the host files the C program
/// named for its standard streams (opened when the environment is made, closed with it).</summary>
internal sealed class WasiSetup
{
    public WasiConfig Config { get; } = new();
    public string? StdinPath { get; set; }
    public byte[]? StdinBytes { get; set; }
    public string? StdoutPath { get; set; }
    public string? StderrPath { get; set; }
}
