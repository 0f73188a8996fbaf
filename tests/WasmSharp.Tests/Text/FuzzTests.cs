using System.Diagnostics;
using WasmSharp.Text;
using Xunit;
using Xunit.Abstractions;

namespace WasmSharp.Tests.Text;

/// <summary>Mutated and truncated real module texts must parse or throw <see cref="WatParseException"/>: nothing else, no hang.</summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "()\"$;_.-+0123456789abcdefxnpi \n\\{}=";

    [Fact]
    public async Task Mutated_modules_parse_or_throw_WatParseException()
    {
        var corpus = ModuleTexts();
        var random = new Random(20261125);
        int iterations = 6000, parsed = 0, rejected = 0;
        var failures = new List<string>();
        var run = Task.Run(() =>
        {
            for (int i = 0; i < iterations; i++)
            {
                string original = corpus[random.Next(corpus.Count)];
                string text = Mutate(original, random);
                try
                {
                    Wat.ToBinary(text);
                    parsed++;
                }
                catch (WatParseException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}\n--- input ---\n{text}");
                }
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(finished == run, "fuzzing did not finish in time (a hang?)");
        await run;
        output.WriteLine($"corpus {corpus.Count} modules; {iterations} mutations: {parsed} parsed, {rejected} rejected, {failures.Count} other exceptions");
        foreach (var f in failures.Take(5)) output.WriteLine(f);
        Assert.Empty(failures);
    }

    [Fact]
    public void Random_bytes_and_deep_nesting_are_rejected()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            var chars = new char[random.Next(1, 200)];
            for (int k = 0; k < chars.Length; k++) chars[k] = (char)random.Next(0, 256);
            try { Wat.ToBinary(new string(chars)); }
            catch (WatParseException) { }
        }
        string deep = "(func " + string.Concat(Enumerable.Repeat("(block ", 200_000)) + string.Concat(Enumerable.Repeat(")", 200_000)) + ")";
        Assert.Throws<WatParseException>(() => Wat.ToBinary(deep));
        string deepFlat = "(func " + string.Concat(Enumerable.Repeat("block ", 200_000)) + string.Concat(Enumerable.Repeat("end ", 200_000)) + ")";
        Assert.Throws<WatParseException>(() => Wat.ToBinary(deepFlat));
    }

    [Fact]
    public async Task Mutated_scripts_parse_or_throw_WatParseException()
    {
        var scripts = new[] { "address", "br_table", "conversions", "elem", "imports", "linking", "simd_lane", "float_exprs", "table_copy" }
            .Select(n => File.ReadAllText(SpecData.WastPath(n)))
            .Select(t => t[..Math.Min(t.Length, 6000)])
            .ToArray();
        var random = new Random(42);
        var failures = new List<string>();
        var run = Task.Run(() =>
        {
            for (int i = 0; i < 1500; i++)
            {
                string text = Mutate(scripts[random.Next(scripts.Length)], random);
                try { WastParser.Parse(text, "fuzz.wast"); }
                catch (WatParseException) { }
                catch (Exception e) { failures.Add($"{e.GetType().Name}: {e.Message}"); }
            }
        });
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(120)));
        Assert.True(finished == run, "fuzzing did not finish in time (a hang?)");
        await run;
        Assert.Empty(failures);
    }

    private static string Mutate(string s, Random r)
    {
        int kind = r.Next(6);
        int at = r.Next(s.Length + 1);
        switch (kind)
        {
            case 0: return s[..at];                                                     // truncate
            case 1: return s.Remove(Math.Min(at, s.Length - 1), Math.Min(r.Next(1, 8), s.Length - Math.Min(at, s.Length - 1)));
            case 2: return s.Insert(at, Alphabet[r.Next(Alphabet.Length)].ToString());
            case 3:
            {
                var chars = s.ToCharArray();
                for (int n = r.Next(1, 4); n > 0; n--) chars[r.Next(chars.Length)] = Alphabet[r.Next(Alphabet.Length)];
                return new string(chars);
            }
            case 4:
            {
                int from = r.Next(s.Length), len = r.Next(1, Math.Min(40, s.Length - from) + 1);
                return s.Insert(at, s.Substring(from, len));                         // duplicate a slice
            }
            default: return s[..at] + (char)r.Next(0, 0x3000) + s[at..];
        }
    }

    /// <summary>The text of every <c>(module ...)</c> in a sample of the spec scripts that is not binary or quoted.</summary>
    private static List<string> ModuleTexts()
    {
        var list = new List<string>();
        foreach (var name in new[] { "address", "block", "br_table", "call_indirect", "elem", "data", "float_literals", "func",
                                     "if", "imports", "memory", "select", "simd_const", "simd_lane", "table_init", "bulk" })
        {
            string source = File.ReadAllText(SpecData.WastPath(name));
            var tokens = Lexer.Tokenize(source);
            for (int i = 0; i + 2 < tokens.Length; i++)
            {
                if (tokens[i].Kind != TokenKind.LParen || source.AsSpan(tokens[i + 1].Start, tokens[i + 1].Length) is not "module") continue;
                var third = source.AsSpan(tokens[i + 2].Start, tokens[i + 2].Length);
                if (third is "binary" or "quote") continue;
                list.Add(source[tokens[i].Start..tokens[tokens[i].Match].End]);
                i = tokens[i].Match;
            }
        }
        Assert.True(list.Count > 100);
        return list;
    }
}
