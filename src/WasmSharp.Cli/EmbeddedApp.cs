using System.Buffers.Binary;
using System.Text;

namespace WasmSharp.Cli;

/// <summary>
/// An executable made by <c>create-exe</c>: the NativeAOT <c>wasmsharp</c> binary with a precompiled artifact and
/// baked-in options appended, then a trailer: <c>u64 payload length, "WSMEXE02"</c>. The payload: <c>i32 option
/// count, the options (BinaryWriter strings), i32 artifact length, i32 padding length, zero padding, the
/// artifact</c>; the padding puts the artifact at a <see cref="ArtifactAlignment"/> boundary of the file, so its code
/// maps straight from the executable. At start the binary looks for the trailer at its own end; when found it runs
/// the artifact like <c>wasmsharp run</c>, without compiling. Its command line:
/// <c>[--dir D] [--mapdir G::H] [--env K=V] [--] guest args...</c> (added to the baked ones).
/// </summary>
internal static class EmbeddedApp
{
    private static ReadOnlySpan<byte> Magic => "WSMEXE02"u8;
    private const int TrailerSize = 16;

    /// <summary>The artifact's alignment in the file: the largest page size of the supported hosts (64 KiB).</summary>
    private const int ArtifactAlignment = 64 * 1024;

    /// <summary>Appends the payload to a copy of the running binary.</summary>
    public static void Write(string executable, string output, string[] bakedOptions, byte[] artifact)
    {
        string temp = $"{output}.{Environment.ProcessId}.tmp";
        using (var file = File.Create(temp))
        {
            using (var self = File.OpenRead(executable)) CopyBinary(self, file);
            var payload = Payload(file.Length, bakedOptions, artifact);
            payload.Position = 0;
            payload.CopyTo(file);
            Span<byte> trailer = stackalloc byte[TrailerSize];
            BinaryPrimitives.WriteInt64LittleEndian(trailer, payload.Length);
            Magic.CopyTo(trailer[8..]);
            file.Write(trailer);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        File.Move(temp, output, overwrite: true);
    }

    private static MemoryStream Payload(long start, string[] bakedOptions, byte[] artifact)
    {
        var payload = new MemoryStream();
        using var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true);
        w.Write(bakedOptions.Length);
        foreach (var o in bakedOptions) w.Write(o);
        w.Write(artifact.Length);
        long unaligned = start + payload.Length + 4;
        int padding = (int)((ArtifactAlignment - unaligned % ArtifactAlignment) % ArtifactAlignment);
        w.Write(padding);
        w.Write(new byte[padding]);
        w.Write(artifact);
        return payload;
    }

    /// <summary>The binary itself without any payload it already carries (create-exe run from a created exe).</summary>
    private static void CopyBinary(FileStream self, FileStream to)
    {
        long length = self.Length - (ReadPayloadLength(self) is { } n ? n + TrailerSize : 0);
        self.Position = 0;
        var buffer = new byte[1 << 16];
        while (length > 0)
        {
            int read = self.Read(buffer, 0, (int)Math.Min(buffer.Length, length));
            if (read <= 0) throw new IOException("the wasmsharp binary changed while it was copied");
            to.Write(buffer, 0, read);
            length -= read;
        }
    }

    private static long? ReadPayloadLength(FileStream file)
    {
        if (file.Length < TrailerSize) return null;
        Span<byte> trailer = stackalloc byte[TrailerSize];
        file.Position = file.Length - TrailerSize;
        file.ReadExactly(trailer);
        if (!trailer[8..].SequenceEqual(Magic)) return null;
        long length = BinaryPrimitives.ReadInt64LittleEndian(trailer);
        if (length < 0 || length > file.Length - TrailerSize) throw new IOException("this executable's embedded module is truncated");
        return length;
    }

    /// <summary>Runs the embedded module when this process's binary carries one; false for plain wasmsharp.</summary>
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        string? self = Environment.ProcessPath;
        if (self is null || Path.GetFileNameWithoutExtension(self) == "dotnet") return false;
        (string[] Baked, long Offset, int Length) payload;
        try
        {
            using var file = File.OpenRead(self);
            if (ReadPayloadLength(file) is not { } length) return false;
            payload = ReadPayload(file, file.Length - TrailerSize - length, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            exitCode = Failures.Report(e);
            return true;
        }
        exitCode = Run(self, payload, args);
        return true;
    }

    /// <summary>The artifact is mapped from the binary where it lies (see
    /// <see cref="Module.DeserializeTrustedFile(Engine, string, long, long, byte[], string, byte[])"/>), not read into memory.</summary>
    private static int Run(string self, (string[] Baked, long Offset, int Length) payload, string[] args)
    {
        try
        {
            var o = EmbeddedOptions.Parse([.. payload.Baked, .. args], new FileInfo(self));
            var engine = new Engine(new Singlepass.SinglepassCompiler(), o.Config);
            return GuestThread.Run(engine.Config, () => RunCommand.Run(o.Run, engine, RunCommand.Metering.None,
                () => Module.DeserializeTrustedFile(engine, self, payload.Offset, payload.Length, expectedModuleHash: null, o.Run.File.Name)));
        }
        catch (Exception e)
        {
            return Failures.Report(e);
        }
    }

    /// <summary>The baked-in options and where the artifact lies in the file, from the payload's start.</summary>
    private static (string[] Baked, long Offset, int Length) ReadPayload(FileStream file, long start, long length)
    {
        try
        {
            file.Position = start;
            using var r = new BinaryReader(file, Encoding.UTF8, leaveOpen: true);
            int count = r.ReadInt32();
            if (count < 0 || count > length / 2) throw new EndOfStreamException(); // each option takes bytes
            var baked = new string[count];
            for (int i = 0; i < baked.Length; i++) baked[i] = r.ReadString();
            int artifactLength = r.ReadInt32();
            int padding = r.ReadInt32();
            long offset = file.Position + padding;
            if (artifactLength < 0 || padding < 0 || offset + artifactLength != start + length) throw new EndOfStreamException();
            return (baked, offset, artifactLength);
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException)
        {
            throw new IOException("this executable's embedded module is damaged");
        }
    }
}
