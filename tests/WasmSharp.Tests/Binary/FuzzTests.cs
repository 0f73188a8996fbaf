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

    [Fact]
    public void MutatedModulesAreAcceptedOrRejectedCleanly()
    {
        var corpus = ModuleMutator.Corpus();
        var rng = new Random(20261125);
        int accepted = 0, malformed = 0, invalid = 0;
        long slowest = 0;
        for (int i = 0; i < Mutations; i++)
        {
            var input = ModuleMutator.Mutate(corpus[rng.Next(corpus.Count)], rng);
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
