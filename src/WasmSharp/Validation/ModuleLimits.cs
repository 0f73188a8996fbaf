namespace WasmSharp;

/// <summary>
/// Static limits on a module's shape, checked at validation (what CosmWasm and NEAR configure to bound compile time
/// and memory before a module runs). A module over a limit fails with <see cref="InvalidModuleException"/> naming
/// the limit, the value found and the maximum. Null: no limit. Default: none (<see cref="None"/>).
/// </summary>
public sealed record ModuleLimits
{
    /// <summary>No limit at all.</summary>
    public static ModuleLimits None { get; } = new();

    /// <summary>Function types in the type section.</summary>
    public int? MaxTypes { get; init; }
    /// <summary>Functions defined by the module (imports not counted).</summary>
    public int? MaxFunctions { get; init; }
    /// <summary>Parameters of one function type.</summary>
    public int? MaxParams { get; init; }
    /// <summary>Results of one function type.</summary>
    public int? MaxResults { get; init; }
    /// <summary>Locals of one function, parameters included.</summary>
    public int? MaxLocals { get; init; }
    /// <summary>Bytes of one function body (locals and code).</summary>
    public int? MaxFunctionBodySize { get; init; }
    /// <summary>Tables, imported or defined.</summary>
    public int? MaxTables { get; init; }
    /// <summary>Initial elements of one table.</summary>
    public uint? MaxTableElements { get; init; }
    /// <summary>Initial pages of a memory (growing is the runtime's resource limit, not this).</summary>
    public uint? MaxMemoryPages { get; init; }
    /// <summary>Imports of every kind.</summary>
    public int? MaxImports { get; init; }
    /// <summary>Exports of every kind.</summary>
    public int? MaxExports { get; init; }
    /// <summary>Globals, imported or defined.</summary>
    public int? MaxGlobals { get; init; }
    /// <summary>Data segments.</summary>
    public int? MaxDataSegments { get; init; }
    /// <summary>Element segments.</summary>
    public int? MaxElementSegments { get; init; }

    /// <summary>Whether no limit is set (then nothing is checked).</summary>
    public bool IsNone => this == None;
}
