namespace WasmSharp;

/// <summary>The decoded <c>name</c> custom section: debug names for the module, functions and locals.</summary>
public sealed class NameSection
{
    /// <summary>The module name subsection.</summary>
    public string? ModuleName { get; set; }
    /// <summary>Function names by function index.</summary>
    public Dictionary<uint, string> FunctionNames { get; } = new();
    /// <summary>Local names by function index, then local index.</summary>
    public Dictionary<uint, Dictionary<uint, string>> LocalNames { get; } = new();
}
