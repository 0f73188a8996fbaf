using System.Buffers.Binary;
using System.Text;

namespace WasmSharp.Cli;

/// <summary>
/// An executable made by <c>create-exe</c>: the NativeAOT <c>wasmsharp</c> binary with a precompiled artifact and
/// baked-in options appended, then a trailer: <c>u64 payload length, "WSMEXE01"</c>. At start the binary looks for
/// the trailer at its own end; when found it runs the artifact like <c>wasmsharp run</c>, without compiling. Its
/// command line: <c>[--dir D] [--mapdir G::H] [--env K=V] [--] guest args...</c> (added to the baked ones).
/// </summary>
internal static class EmbeddedApp
{
    private static ReadOnlySpan<byte> Magic => "WSMEXE01"u8;
    private const int TrailerSize = 16;

    /// <summary>Appends the payload to a copy of the running binary.</summary>
    public static void Write(string executable, string output, string[] bakedOptions, byte[] artifact)
    {
        var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(bakedOptions.Length);
            foreach (var o in bakedOptions) w.Write(o);
            w.Write(artifact.Length);
            w.Write(artifact);
        }
        string temp = $"{output}.{Environment.ProcessId}.tmp";
        using (var file = File.Create(temp))
        {
            using (var self = File.OpenRead(executable)) CopyBinary(self, file);
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
        byte[] payload;
        try
        {
            using var file = File.OpenRead(self);
            if (ReadPayloadLength(file) is not { } length) return false;
            payload = new byte[length];
            file.Position = file.Length - TrailerSize - length;
            file.ReadExactly(payload);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            exitCode = Failures.Report(e);
            return true;
        }
        exitCode = Run(self, payload, args);
        return true;
    }

    private static int Run(string self, byte[] payload, string[] args)
    {
        try
        {
            var (baked, artifact) = Parse(payload);
            var o = EmbeddedOptions.Parse([.. baked, .. args], new FileInfo(self));
            var engine = new Engine(new Singlepass.SinglepassCompiler(), o.Config);
            return GuestThread.Run(engine.Config, () => RunCommand.Run(o.Run, engine, RunCommand.Metering.None, () => Module.DeserializeTrusted(engine, artifact, o.Run.File.Name)));
        }
        catch (Exception e)
        {
            return Failures.Report(e);
        }
    }

    private static (string[] Baked, ReadOnlyMemory<byte> Artifact) Parse(byte[] payload)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
            var baked = new string[r.ReadInt32()];
            for (int i = 0; i < baked.Length; i++) baked[i] = r.ReadString();
            int length = r.ReadInt32();
            long start = r.BaseStream.Position;
            if (length < 0 || start + length != payload.Length) throw new EndOfStreamException();
            return (baked, payload.AsMemory((int)start, length));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OverflowException)
        {
            throw new IOException("this executable's embedded module is damaged");
        }
    }
}
