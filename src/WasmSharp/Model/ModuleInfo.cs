namespace WasmSharp;

/// <summary>
/// A decoded module: every section of the binary, with function bodies, constant expressions and data kept as
/// ranges of <see cref="Bytes"/> (nothing is copied out). Index spaces count imports first, as the spec says.
/// </summary>
public sealed class ModuleInfo
{
    public byte[] Bytes { get; }

    public List<FuncType> Types { get; } = new();
    public List<Import> Imports { get; } = new();
    /// <summary>Type index of every function, imported ones first.</summary>
    public List<uint> Functions { get; } = new();
    public List<TableType> Tables { get; } = new();
    public List<MemoryType> Memories { get; } = new();
    public List<GlobalType> Globals { get; } = new();
    /// <summary>Initializers of the module-defined globals (after the imported ones in <see cref="Globals"/>).</summary>
    public List<GlobalDef> GlobalDefs { get; } = new();
    public List<Export> Exports { get; } = new();
    public uint? StartFunction { get; set; }
    public List<ElementSegment> Elements { get; } = new();
    public uint? DataCount { get; set; }
    public List<FunctionBody> Bodies { get; } = new();
    public List<DataSegment> Data { get; } = new();
    public List<CustomSection> CustomSections { get; } = new();
    public NameSection? Names { get; set; }

    public int ImportedFunctionCount { get; internal set; }
    public int ImportedTableCount { get; internal set; }
    public int ImportedMemoryCount { get; internal set; }
    public int ImportedGlobalCount { get; internal set; }

    /// <summary>Offset and size of the code section's payload (0 when absent).</summary>
    public int CodeSectionOffset { get; internal set; }
    public int CodeSectionSize { get; internal set; }

    public ModuleInfo(byte[] bytes) => Bytes = bytes;

    /// <summary>Decodes and validates a binary module.</summary>
    /// <exception cref="MalformedModuleException">The bytes are not a well-formed binary module.</exception>
    /// <exception cref="InvalidModuleException">The module breaks a validation rule.</exception>
    public static ModuleInfo Load(byte[] bytes)
    {
        var module = Binary.ModuleDecoder.Decode(bytes);
        Validation.ModuleValidator.Validate(module);
        return module;
    }

    public FuncType FunctionType(uint funcIndex) => Types[(int)Functions[(int)funcIndex]];

    public ReadOnlySpan<byte> Slice(int offset, int length) => Bytes.AsSpan(offset, length);

    /// <summary>A function's debug name from the name section, or null.</summary>
    public string? FunctionName(uint funcIndex) =>
        Names is { } n && n.FunctionNames.TryGetValue(funcIndex, out var s) ? s : null;
}
