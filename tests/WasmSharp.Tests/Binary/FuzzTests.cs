using System.Diagnostics;
using WasmSharp.Wast;
using Xunit.Abstractions;

namespace WasmSharp.Tests.Binary;

/// <summary>
/// Random mutations and truncations of real modules must each be accepted or rejected with
/// <see cref="MalformedModuleException"/> / <see cref="InvalidModuleException"/> — never another exception or a hang.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int Mutations = 6000;

    internal static List<byte[]> Corpus()
    {
        var files = Directory.EnumerateFiles(SharedData.Bench, "*.wasm")
            .Concat(SharedData.SpecScripts().SelectMany(s => Directory.EnumerateFiles(Path.GetDirectoryName(s)!, "*.wasm").Take(4)))
            .OrderBy(f => f, StringComparer.Ordinal);
        return files.Select(File.ReadAllBytes).ToList();
    }

    /// <summary>One mutated copy: byte flips, truncation, insertion, LEB-style 0xFF runs, or a spliced chunk.</summary>
    internal static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = new List<byte>(original);
        int edits = 1 + rng.Next(4);
        for (int e = 0; e < edits && bytes.Count > 0; e++)
        {
            int at = rng.Next(bytes.Count);
            switch (rng.Next(6))
            {
                case 0: bytes[at] = (byte)rng.Next(256); break;
                case 1: bytes[at] ^= (byte)(1 << rng.Next(8)); break;
                case 2: bytes.RemoveRange(at, bytes.Count - at); break;
                case 3: bytes.Insert(at, (byte)rng.Next(256)); break;
                case 4: for (int k = at; k < Math.Min(bytes.Count, at + 5); k++) bytes[k] = 0xFF; break;
                default:
                    int len = rng.Next(1, 16);
                    int from = rng.Next(bytes.Count);
                    var chunk = bytes.Skip(from).Take(len).ToArray();
                    bytes.InsertRange(at, chunk);
                    break;
            }
        }
        return bytes.ToArray();
    }

    [Fact]
    public void MutatedModulesAreAcceptedOrRejectedCleanly()
    {
        var corpus = Corpus();
        var rng = new Random(20261125);
        int accepted = 0, malformed = 0, invalid = 0;
        long slowest = 0;
        for (int i = 0; i < Mutations; i++)
        {
            var input = Mutate(corpus[rng.Next(corpus.Count)], rng);
            var sw = Stopwatch.StartNew();
            try
            {
                ModuleInfo.Load(input);
                accepted++;
            }
            catch (MalformedModuleException) { malformed++; }
            catch (InvalidModuleException) { invalid++; }
            catch (Exception e)
            {
                Assert.Fail($"mutation {i} ({input.Length} bytes) escaped with {e.GetType().Name}: {e.Message}\n{Convert.ToHexString(input.AsSpan(0, Math.Min(64, input.Length)))}");
            }
            slowest = Math.Max(slowest, sw.ElapsedMilliseconds);
        }
        output.WriteLine($"{Mutations} mutations: {accepted} accepted, {malformed} malformed, {invalid} invalid; slowest {slowest} ms");
        Assert.True(malformed > 0 && invalid > 0, "the mutations should exercise both kinds of rejection");
    }

    [Fact]
    public void RandomBytesAreRejectedCleanly()
    {
        var rng = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var input = new byte[rng.Next(0, 200)];
            rng.NextBytes(input);
            if (i % 2 == 0 && input.Length >= 8) "\0asm\u0001\0\0\0"u8.CopyTo(input);
            try { ModuleInfo.Load(input); }
            catch (WasmException e) when (e is MalformedModuleException or InvalidModuleException) { }
        }
    }
}
