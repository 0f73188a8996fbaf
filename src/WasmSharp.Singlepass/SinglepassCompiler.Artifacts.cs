using System.Buffers.Binary;
using WasmSharp.Artifacts;
using WasmSharp.Compilers;

namespace WasmSharp.Singlepass;

/// <summary>Saving and loading Singlepass code. The code is position-independent (runtime calls go through the
/// libcall table in the VM context, calls between functions are relative), so loading needs no relocation: the
/// payload is the function offsets and the code bytes, mapped as they are, plus the offset map of the call and trap
/// sites (for backtraces).
/// <para>Payload layout (little-endian): u32 function count n, u32 code size, u32 code start (from the payload's
/// start), u32 offset-map section size m, n × u32 function offsets, the offset-map section (m bytes), zero padding,
/// the code. Large code starts at a <see cref="CodeAlignment"/> boundary of the artifact, so a loader maps it from the
/// file as executable pages instead of copying it.</para></summary>
public sealed partial class SinglepassCompiler
{
    /// <summary>Payload layout version, bumped with any change to generated code's conventions or to the layout
    /// (3: trap sites call their stub, the offset map precedes the aligned code; 4: metered code keeps the fuel in
    /// a register the stubs sync, loop checks read <see cref="WasmSharp.Runtime.VMContext.LoopLimit"/>).</summary>
    private const int PayloadVersion = 4;

    /// <summary>The largest page size of the supported hosts (AArch64 Linux may use 64 KiB pages).</summary>
    private const int CodeAlignment = 64 * 1024;

    /// <summary>Code this large is worth aligning for mapping; smaller code is copied (it fits a few pages, and
    /// padding would dominate its artifact).</summary>
    private const int MapThreshold = 256 * 1024;

    private const int TablesStart = 16;

    /// <inheritdoc/>
    public ArtifactTarget Describe(Engine engine) => new(Name, Target.For(engine.Config).Name,
        $"payload={PayloadVersion};guard-pages={Flag(engine.MemoryPlan.GuardPages)};interruptible-loops={Flag(engine.Config.InterruptibleLoops)};" +
        $"fuel={Fuel(engine.Config)}" + (engine.Config.Deterministic ? $";deterministic=stack:{engine.Config.MaxStackHeight}" : ""));

    /// <summary>Metered code embeds its cost table: "off", or a short hash of the costs (the table itself is long).</summary>
    private static string Fuel(EngineConfig config) => config.ConsumeFuel
        ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.FuelCosts.Key())))[..16].ToLowerInvariant()
        : "off";

    private static string Flag(bool on) => on ? "on" : "off";

    /// <inheritdoc/>
    public byte[] SerializeCode(CompiledCode code, long payloadOffset)
    {
        var sp = code as SinglepassCode ?? throw new ArgumentException("not Singlepass code", nameof(code));
        var offsets = sp.Offsets;
        var bytes = sp.Bytes;
        var sites = SerializeSites(sp.Sites);
        int start = CodeStart(TablesStart + 4 * offsets.Length + sites.Length, bytes.Length, payloadOffset);
        var payload = new byte[start + bytes.Length];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, offsets.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], start);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], sites.Length);
        for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(span[(TablesStart + 4 * i)..], offsets[i]);
        sites.CopyTo(span[(TablesStart + 4 * offsets.Length)..]);
        bytes.CopyTo(span[start..]);
        return payload;
    }

    /// <summary>Where the code starts in the payload: right after the tables, or, for large code, at the next
    /// <see cref="CodeAlignment"/> boundary of the artifact.</summary>
    private static int CodeStart(int tablesEnd, int codeSize, long payloadOffset)
    {
        if (codeSize < MapThreshold) return tablesEnd;
        long aligned = (payloadOffset + tablesEnd + CodeAlignment - 1) / CodeAlignment * CodeAlignment;
        return (int)(aligned - payloadOffset);
    }

    /// <inheritdoc/>
    public CompiledCode LoadCode(ReadOnlySpan<byte> payload, ModuleInfo module, Engine engine, ArtifactFile? file)
    {
        var target = Target.For(engine.Config);
        bool guardPages = engine.MemoryPlan.GuardPages;
        if (guardPages && target.CanRunHere) target.InstallFaultHandler();
        var offsets = ReadOffsets(payload, module.Bodies.Count, out int start, out int sitesSize);
        var sites = LoadSites(payload, TablesStart + 4 * offsets.Length, sitesSize, offsets.Length, file?.Payload);
        var bytes = payload[start..];
        var memory = MapCode(file, start, bytes.Length, target) ?? new ExecutableMemory(bytes, target.Isa);
        return Publish(module, target, guardPages, memory, bytes.Length, offsets, sites);
    }

    /// <summary>The code mapped from the artifact file, when it lies page-aligned in one and the host's code can be
    /// mapped; null to copy it. Foreign code is copied: it never runs, and its target's page size may differ.</summary>
    private static ExecutableMemory? MapCode(ArtifactFile? file, int start, int size, Target target) =>
        file is { } f && target.CanRunHere && ExecutableMemory.CanMapFiles
            ? ExecutableMemory.TryMapFile(f.Handle, f.PayloadOffset + start, size)
            : null;

    /// <summary>The function offsets, checked to be increasing and inside the code, and where the code starts, checked
    /// to follow the tables and to end the payload, so no entry point lies outside the code even if the checksummed
    /// payload disagrees with the module.</summary>
    private static int[] ReadOffsets(ReadOnlySpan<byte> payload, int functions, out int start, out int sitesSize)
    {
        long tablesEnd = TablesStart + 4L * functions;
        if (payload.Length < TablesStart || BinaryPrimitives.ReadInt32LittleEndian(payload) != functions || tablesEnd > payload.Length)
            throw new ArtifactException($"artifact code does not match its module ({functions} functions expected)");
        int size = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        start = BinaryPrimitives.ReadInt32LittleEndian(payload[8..]);
        sitesSize = BinaryPrimitives.ReadInt32LittleEndian(payload[12..]);
        if (sitesSize < 0 || start < tablesEnd + sitesSize || size < 0 || (long)start + size != payload.Length)
            throw new ArtifactException("artifact code has the wrong length");
        var offsets = new int[functions];
        for (int i = 0; i < functions; i++)
        {
            offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(payload[(TablesStart + 4 * i)..]);
            if (offsets[i] < (i == 0 ? 0 : offsets[i - 1]) || offsets[i] >= size)
                throw new ArtifactException("artifact code has a function offset outside its code");
        }
        return offsets;
    }

    // ---- the offset map (after the function offsets): [byte count][bytes][one start per function] ----------------------

    private static byte[] SerializeSites(OffsetMap sites)
    {
        var map = sites.Bytes;
        var starts = sites.Starts;
        var section = new byte[4 + map.Length + 4 * starts.Length];
        BinaryPrimitives.WriteInt32LittleEndian(section, map.Length);
        map.CopyTo(section.AsSpan(4));
        for (int i = 0; i < starts.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(section.AsSpan(4 + map.Length + 4 * i), starts[i]);
        return section;
    }

    /// <summary>The offset-map section (<paramref name="size"/> bytes from <paramref name="offset"/> of the payload),
    /// checked (<see cref="OffsetMap.Load"/>) and filling its section exactly. Its pairs stay in
    /// <paramref name="mapped"/> (the payload in the artifact's mapping, which the module keeps) when there is one: a
    /// large module's map is megabytes, which a warm start would otherwise copy; else they are copied.</summary>
    private static OffsetMap LoadSites(ReadOnlySpan<byte> payload, int offset, int size, int functions, ReadOnlyMemory<byte>? mapped)
    {
        var section = payload.Slice(offset, size);
        int length = section.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(section) : -1;
        if (length < 0 || (long)4 + length + 4L * functions != section.Length)
            throw new ArtifactException("artifact offset map has the wrong length");
        var starts = new int[functions];
        for (int i = 0; i < functions; i++) starts[i] = BinaryPrimitives.ReadInt32LittleEndian(section[(4 + length + 4 * i)..]);
        var pairs = mapped is { } m ? m.Slice(offset + 4, length) : section.Slice(4, length).ToArray();
        return OffsetMap.Load(pairs, starts);
    }
}
