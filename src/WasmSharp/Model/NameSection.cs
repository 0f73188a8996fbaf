namespace WasmSharp;

/// <summary>The decoded <c>name</c> custom section: debug names for the module, functions and locals.</summary>
public sealed class NameSection
{
    public string? ModuleName { get; set; }
    public Dictionary<uint, string> FunctionNames { get; } = new();
    public Dictionary<uint, Dictionary<uint, string>> LocalNames { get; } = new();
}
