using System.Buffers.Binary;
using WasmSharp.Binary;
using WasmSharp.Text;

namespace WasmSharp.Artifacts;

/// <summary>
/// The module as an artifact keeps it: every section as it is, except that each function body becomes the empty
/// body <c>02 00 0B</c> (size 2, no locals, <c>end</c>). Precompiled code replaces the bodies, and nothing reads
/// them after compiling; what instantiation reads (data segments, constant expressions, element segments, imports,
/// exports, names) stays. A warm start copies this smaller module out of the artifact: for a module of mostly code
/// (esbuild.wasm: 10 of its 14 MB) that is most of the bytes a load would otherwise touch. Offsets in traps and
/// backtraces still refer to the original module, which the code was compiled from: a custom section
/// (<see cref="RangesSection"/>) keeps the original bodies' ranges, so a backtrace can still say where in its
/// function a frame is. Active data segments that qualify move to a <see cref="DataImage"/> (stored beside the
/// module), which instantiation copies run by run; their segments stay, empty.
/// </summary>
internal static class BodilessModule
{
    private static ReadOnlySpan<byte> EmptyBody => [0x02, 0x00, 0x0B];
    private const byte CodeSectionId = 10;
    private const byte DataSectionId = 11;

    /// <summary>The custom section holding the original bodies' ranges: a count, then (offset, length) per body, as
    /// little-endian u32s (fixed width, read without decoding: a large module has tens of thousands).</summary>
    public const string RangesSection = "wasmsharp.body-ranges";

    /// <summary>The module's bytes with empty function bodies, and with its active data segments moved to a
    /// <see cref="DataImage"/> when they qualify (the same bytes when neither applies), and that image (empty when
    /// there is none).</summary>
    public static (byte[] Module, ReadOnlyMemory<byte> Image) From(ModuleInfo module)
    {
        var bytes = module.Bytes;
        // a module loaded from an artifact is bodiless already: its bytes carry the original ranges, its image is kept
        if (module.HasSourceBodies || module.DataImage is not null) return (bytes, module.DataImage?.Bytes ?? default);
        bool bodies = module.Bodies.Count > 0;
        bool image = DataImage.TryBuild(module, out var imageBytes, out var dataSection);
        if (!bodies && !image) return (bytes, default);
        var result = new ByteWriter(bytes.Length - module.CodeSectionSize + 3 * module.Bodies.Count + 8 * module.Bodies.Count + 64);
        var r = new WasmReader(bytes);
        result.Bytes(bytes.AsSpan(0, 8));
        r.Skip(8);
        while (!r.AtEnd)
        {
            int start = r.Offset;
            byte id = r.ReadByte();
            uint size = r.ReadU32();
            int end = r.Offset + (int)size;
            r.Skip((int)size);
            if (id == CodeSectionId && bodies) WriteSection(result, CodeSectionId, EmptyBodies(module.Bodies.Count));
            else if (id == DataSectionId && image) WriteSection(result, DataSectionId, dataSection);
            else result.Bytes(bytes.AsSpan(start, end - start));
        }
        if (bodies) WriteRanges(result, module.Bodies);
        return (result.ToArray(), imageBytes);
    }

    private static byte[] EmptyBodies(int count)
    {
        var section = new ByteWriter(8 + EmptyBody.Length * count);
        section.U32((uint)count);
        for (int i = 0; i < count; i++) section.Bytes(EmptyBody);
        return section.ToArray();
    }

    private static void WriteSection(ByteWriter result, byte id, ReadOnlySpan<byte> payload)
    {
        result.Byte(id);
        result.U32((uint)payload.Length);
        result.Bytes(payload);
    }

    /// <summary>Appends the <see cref="RangesSection"/> custom section (custom sections may come anywhere).</summary>
    private static void WriteRanges(ByteWriter result, List<FunctionBody> bodies)
    {
        var content = new ByteWriter(8 + 8 * bodies.Count);
        content.U32((uint)RangesSection.Length);
        content.Bytes(System.Text.Encoding.UTF8.GetBytes(RangesSection));
        Span<byte> pair = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(pair, bodies.Count);
        content.Bytes(pair[..4]);
        foreach (var body in bodies)
        {
            BinaryPrimitives.WriteInt32LittleEndian(pair, body.Offset);
            BinaryPrimitives.WriteInt32LittleEndian(pair[4..], body.Length);
            content.Bytes(pair);
        }
        result.Byte(0);
        result.U32((uint)content.Length);
        result.Bytes(content.Span);
    }

    /// <summary>Gives a module decoded from an artifact its original bodies' ranges, read from the
    /// <see cref="RangesSection"/> custom section; a section that does not match the bodies is ignored (frames then
    /// report their offsets as unknown rather than wrong).</summary>
    public static void RestoreSourceBodies(ModuleInfo module)
    {
        var section = module.CustomSections.Find(c => c.Name == RangesSection);
        if (section is null) return;
        var bytes = module.Slice(section.Offset, section.Length);
        int n = module.Bodies.Count;
        // a damaged section only costs the frames' offsets
        if (bytes.Length != 4 + 8L * n || BinaryPrimitives.ReadInt32LittleEndian(bytes) != n) return;
        var ranges = new FunctionBody[n];
        for (int i = 0; i < n; i++)
        {
            var pair = bytes.Slice(4 + 8 * i, 8);
            ranges[i] = new FunctionBody(BinaryPrimitives.ReadInt32LittleEndian(pair), BinaryPrimitives.ReadInt32LittleEndian(pair[4..]));
        }
        module.SetSourceBodies(ranges);
    }
}
