using System.Buffers.Binary;
using WasmSharp.Artifacts;
using WasmSharp.Compilers;

namespace WasmSharp.Singlepass;

/// <summary>Saving and loading Singlepass code. The code is position-independent (runtime calls go through the
/// libcall table in the VM context, calls between functions are relative), so loading needs no relocation: the
/// payload is the function offsets and the code bytes, mapped as they are, then the offset map of the call and trap
/// sites (for backtraces).</summary>
public sealed partial class SinglepassCompiler
{
    /// <summary>Payload layout version, bumped with any change to generated code's conventions (2: trap sites call
    /// their stub, and the offset map follows the code).</summary>
    private const int PayloadVersion = 2;

    /// <inheritdoc/>
    public ArtifactTarget Describe(Engine engine) => new(Name, Target.For(engine.Config).Name,
        $"payload={PayloadVersion};guard-pages={Flag(engine.MemoryPlan.GuardPages)};interruptible-loops={Flag(engine.Config.InterruptibleLoops)};" +
        $"fuel={Fuel(engine.Config)}");

    /// <summary>Metered code embeds its cost table: "off", or a short hash of the costs (the table itself is long).</summary>
    private static string Fuel(EngineConfig config) => config.ConsumeFuel
        ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(config.FuelCosts.Key())))[..16].ToLowerInvariant()
        : "off";

    private static string Flag(bool on) => on ? "on" : "off";

    /// <inheritdoc/>
    public byte[] SerializeCode(CompiledCode code)
    {
        var sp = code as SinglepassCode ?? throw new ArgumentException("not Singlepass code", nameof(code));
        var offsets = sp.Offsets;
        var bytes = sp.Bytes;
        var payload = new byte[4 + 4 * offsets.Length + 4 + bytes.Length];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, offsets.Length);
        for (int i = 0; i < offsets.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(span[(4 + 4 * i)..], offsets[i]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(4 + 4 * offsets.Length)..], bytes.Length);
        bytes.CopyTo(span[(8 + 4 * offsets.Length)..]);
        return [.. payload, .. SerializeSites(sp.Sites)];
    }

    /// <inheritdoc/>
    public CompiledCode LoadCode(ReadOnlySpan<byte> payload, ModuleInfo module, Engine engine)
    {
        var target = Target.For(engine.Config);
        bool guardPages = engine.MemoryPlan.GuardPages;
        if (guardPages && target.CanRunHere) target.InstallFaultHandler();
        var offsets = ReadOffsets(payload, module.Bodies.Count, out var bytes);
        var sites = LoadSites(payload[(8 + 4 * offsets.Length + bytes.Length)..], offsets.Length);
        return Publish(module, target, guardPages, bytes, offsets, sites);
    }

    /// <summary>The function offsets, checked to be increasing and inside the code, so no entry point lies outside
    /// it even if the checksummed payload disagrees with the module.</summary>
    private static int[] ReadOffsets(ReadOnlySpan<byte> payload, int functions, out ReadOnlySpan<byte> bytes)
    {
        if (payload.Length < 8 || BinaryPrimitives.ReadInt32LittleEndian(payload) != functions
            || (long)8 + 4L * functions > payload.Length)
            throw new ArtifactException($"artifact code does not match its module ({functions} functions expected)");
        int size = BinaryPrimitives.ReadInt32LittleEndian(payload[(4 + 4 * functions)..]);
        bytes = payload[(8 + 4 * functions)..];
        if (size < 0 || size > bytes.Length) throw new ArtifactException("artifact code has the wrong length");
        bytes = bytes[..size];
        var offsets = new int[functions];
        for (int i = 0; i < functions; i++)
        {
            offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(payload[(4 + 4 * i)..]);
            if (offsets[i] < (i == 0 ? 0 : offsets[i - 1]) || offsets[i] >= size)
                throw new ArtifactException("artifact code has a function offset outside its code");
        }
        return offsets;
    }

    // ---- the offset map (after the code): [byte count][bytes][one start per function] ----------------------

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

    /// <summary>The offset map that follows the code, checked (<see cref="OffsetMap.Load"/>) and ending the payload.</summary>
    private static OffsetMap LoadSites(ReadOnlySpan<byte> section, int functions)
    {
        int length = section.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(section) : -1;
        if (length < 0 || (long)4 + length + 4L * functions != section.Length)
            throw new ArtifactException("artifact offset map has the wrong length");
        var starts = new int[functions];
        for (int i = 0; i < functions; i++) starts[i] = BinaryPrimitives.ReadInt32LittleEndian(section[(4 + length + 4 * i)..]);
        return OffsetMap.Load(section.Slice(4, length).ToArray(), starts);
    }
}
