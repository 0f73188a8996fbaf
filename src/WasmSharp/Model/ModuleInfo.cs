namespace WasmSharp;

/// <summary>
/// A decoded module: every section of the binary, with function bodies, constant expressions and data kept as
/// ranges of <see cref="Bytes"/> (nothing is copied out). Index spaces count imports first, as the spec says.
/// </summary>
public sealed class ModuleInfo
{
    /// <summary>The module's binary, which bodies and data segments index into.</summary>
    public byte[] Bytes { get; }

    /// <summary>The type section.</summary>
    public List<FuncType> Types { get; } = new();
    /// <summary>The imports, in order.</summary>
    public List<Import> Imports { get; } = new();
    /// <summary>Type index of every function, imported ones first.</summary>
    public List<uint> Functions { get; } = new();
    /// <summary>Every table's type, imported ones first.</summary>
    public List<TableType> Tables { get; } = new();
    /// <summary>Every memory's type, imported ones first.</summary>
    public List<MemoryType> Memories { get; } = new();
    /// <summary>Module offset of each table's entry (its import's for an imported one), parallel to <see cref="Tables"/>:
    /// where a validation error about the table is reported.</summary>
    public List<int> TableOffsets { get; } = new();
    /// <summary>Module offset of each memory's entry (its import's for an imported one), parallel to
    /// <see cref="Memories"/>.</summary>
    public List<int> MemoryOffsets { get; } = new();
    /// <summary>Module offset of the function section's first entry (0 when absent); the entries are type indices, so
    /// the offset of any one is found by skipping those before it (only an error needs it).</summary>
    public int FunctionSectionOffset { get; internal set; }
    /// <summary>Every global's type, imported ones first.</summary>
    public List<GlobalType> Globals { get; } = new();
    /// <summary>Initializers of the module-defined globals (after the imported ones in <see cref="Globals"/>).</summary>
    public List<GlobalDef> GlobalDefs { get; } = new();
    /// <summary>The exports.</summary>
    public List<Export> Exports { get; } = new();
    /// <summary>The start function's index, if any.</summary>
    public uint? StartFunction { get; set; }
    /// <summary>Module offset of the start section's function index (0 when absent).</summary>
    public int StartOffset { get; internal set; }
    /// <summary>The element segments.</summary>
    public List<ElementSegment> Elements { get; } = new();
    /// <summary>The data count section's value, if present.</summary>
    public uint? DataCount { get; set; }
    /// <summary>Function bodies, one per defined function.</summary>
    public List<FunctionBody> Bodies { get; } = new();
    /// <summary>The most operands each defined function's stack holds at once, indexed like <see cref="Bodies"/>:
    /// recorded by <see cref="Validation.ModuleValidator.Validate(ModuleInfo)"/> (null until then) for deterministic
    /// mode's <see cref="Compilers.StackHeightCost"/>, so that it need not validate the bodies again.</summary>
    public int[]? MaxOperandHeights { get; internal set; }
    /// <summary>Where each body lies in the module the code was compiled from: <see cref="Bodies"/>, except for a module
    /// loaded from a precompiled artifact, whose bodies are empty placeholders and whose original ranges the artifact
    /// keeps (backtraces report offsets in the original module).</summary>
    public IReadOnlyList<FunctionBody> SourceBodies => _sourceBodies ?? (IReadOnlyList<FunctionBody>)Bodies;
    private FunctionBody[]? _sourceBodies;

    /// <summary>Whether <see cref="SourceBodies"/> came from an artifact.</summary>
    internal bool HasSourceBodies => _sourceBodies is not null;

    internal void SetSourceBodies(FunctionBody[] ranges) => _sourceBodies = ranges;

    /// <summary>The data segments. A module loaded from a precompiled artifact decodes them on first use (a warm
    /// start of a Go module would otherwise decode ~100,000 segments that its data image already holds).</summary>
    public List<DataSegment> Data => _data ?? DecodeDeferredData();
    private List<DataSegment>? _data = new();
    private (int Offset, int Length, int Count) _deferredData;

    /// <summary>How many data segments the module has, without decoding them.</summary>
    public int DataSegmentCount => _data?.Count ?? _deferredData.Count;

    /// <summary>Leaves the data section's segments (<paramref name="length"/> bytes from <paramref name="offset"/>,
    /// starting at the segment count) to be decoded when <see cref="Data"/> is first read.</summary>
    internal void DeferData(int offset, int length, int count)
    {
        _data = null;
        _deferredData = (offset, length, count);
    }

    private List<DataSegment> DecodeDeferredData()
    {
        var (offset, length, _) = _deferredData;
        var data = Binary.ModuleDecoder.DecodeData(Bytes, offset, length);
        // decoding is deterministic: a racing reader's list is as good as ours
        return Interlocked.CompareExchange(ref _data, data, null) ?? data;
    }

    /// <summary>The initial memory image a precompiled artifact holds for the active data segments, applied at
    /// instantiation instead of them (see <see cref="Artifacts.DataImage"/>); null otherwise.</summary>
    internal Artifacts.DataImage? DataImage { get; set; }
    /// <summary>Custom sections.</summary>
    public List<CustomSection> CustomSections { get; } = new();
    /// <summary>The decoded <c>name</c> section, if any.</summary>
    public NameSection? Names { get; set; }

    /// <summary>Imported functions (they come first in the function index space).</summary>
    public int ImportedFunctionCount { get; internal set; }
    /// <summary>Imported tables.</summary>
    public int ImportedTableCount { get; internal set; }
    /// <summary>Imported memories.</summary>
    public int ImportedMemoryCount { get; internal set; }
    /// <summary>Imported globals.</summary>
    public int ImportedGlobalCount { get; internal set; }

    /// <summary>Offset and size of the code section's payload (0 when absent).</summary>
    public int CodeSectionOffset { get; internal set; }
    /// <summary>Size of the code section in bytes.</summary>
    public int CodeSectionSize { get; internal set; }

    /// <summary>An empty module over <paramref name="bytes"/>; the decoder fills it.</summary>
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

    /// <summary>The type of function <paramref name="funcIndex"/> (imported or defined).</summary>
    public FuncType FunctionType(uint funcIndex) => Types[(int)Functions[(int)funcIndex]];

    /// <summary>A range of the module's bytes.</summary>
    public ReadOnlySpan<byte> Slice(int offset, int length) => Bytes.AsSpan(offset, length);

    /// <summary>A function's debug name from the name section, or null.</summary>
    public string? FunctionName(uint funcIndex) =>
        Names is { } n && n.FunctionNames.TryGetValue(funcIndex, out var s) ? s : null;
}
