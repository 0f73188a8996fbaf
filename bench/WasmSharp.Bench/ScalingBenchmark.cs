using WasmSharp.Singlepass;

namespace WasmSharp.Bench;

/// <summary>
/// Compile time per byte for generated modules of growing size and pathological shape: the flatness of each row is
/// the "no JIT bomb" guarantee. Single thread, median of repeated compiles.
/// </summary>
internal static class ScalingBenchmark
{
    private const byte I32 = 0x7F;

    private static readonly (string Name, Func<int, byte[]> Make)[] Shapes =
    [
        ("one long function", LongFunction),
        ("many tiny functions", ManyFunctions),
        ("deep nesting", DeepNesting),
        ("deep nesting over a tall stack", NestingOverStack),
        ("giant br_table", GiantBrTable),
        ("br_table to every depth", BrTableEveryDepth),
        ("many locals", ManyLocals),
    ];

    public static int Run(string[] args)
    {
        int[] sizes = [1_000, 10_000, 100_000, 1_000_000];
        Console.WriteLine("| shape | " + string.Join(" | ", sizes.Select(s => $"n={s:N0}")) + " | max/min |");
        Console.WriteLine("| --- |" + string.Concat(sizes.Select(_ => " ---: |")) + " ---: |");
        foreach (var (name, points) in Measure(sizes))
        {
            var perByte = points.Select(p => p.Ms * 1e6 / p.Bytes).ToList();
            var cells = points.Select(p => $"{p.Ms * 1e6 / p.Bytes:F1} ns/B ({p.Bytes / 1024.0:F0} KiB, {p.Ms:F1} ms)");
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} | {perByte.Max() / perByte.Min():F2} |");
        }
        return 0;
    }

    /// <summary>Median Singlepass compile time of each shape at each size parameter: (module bytes, ms) per size.</summary>
    public static IEnumerable<(string Shape, List<(int Bytes, double Ms)> Points)> Measure(int[] sizes)
    {
        // one thread: the shapes compare per byte whatever their function count (parallel compilation splits only many functions)
        var engine = new Engine(new SinglepassCompiler(), new EngineConfig { ParallelCompilation = false });
        foreach (var (name, make) in Shapes)
        {
            var points = new List<(int Bytes, double Ms)>();
            foreach (int n in sizes)
            {
                var bytes = make(n);
                points.Add((bytes.Length, Timing.MedianMilliseconds(() => Module.FromBytes(engine, bytes).Dispose(), minRuns: 5, budgetMs: 1000, maxRuns: 50)));
            }
            yield return (name, points);
        }
    }

    private static byte[] Body(List<byte> locals, List<byte> code)
    {
        var b = new List<byte>(locals);
        b.AddRange(code);
        b.Add(0x0B);
        return b.ToArray();
    }

    private static List<byte> NoLocals() => [0x00];

    /// <summary>(x = x + k) repeated: straight-line arithmetic.</summary>
    private static byte[] LongFunction(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([I32], [I32]);
        var code = new List<byte>();
        for (int i = 0; i < n / 8; i++) code.AddRange(new byte[] { 0x20, 0x00, 0x41, (byte)(i & 0x3F), 0x6A, 0x21, 0x00 });
        code.AddRange(new byte[] { 0x20, 0x00 });
        m.AddFunction(t, Body(NoLocals(), code));
        return m.ToBytes();
    }

    private static byte[] ManyFunctions(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([I32], [I32]);
        for (int i = 0; i < n / 8; i++) m.AddFunction(t, Body(NoLocals(), [0x20, 0x00, 0x41, 0x01, 0x6A]));
        return m.ToBytes();
    }

    /// <summary>block block block ... end end end.</summary>
    private static byte[] DeepNesting(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([], []);
        var code = new List<byte>();
        int depth = n / 3;
        for (int i = 0; i < depth; i++) code.AddRange(new byte[] { 0x02, 0x40 });
        for (int i = 0; i < depth; i++) code.Add(0x0B);
        m.AddFunction(t, Body(NoLocals(), code));
        return m.ToBytes();
    }

    /// <summary>Many values pushed, then deep nesting: every block boundary must not rescan the whole stack.</summary>
    private static byte[] NestingOverStack(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([], []);
        var code = new List<byte>();
        int k = n / 8;
        for (int i = 0; i < k; i++) code.AddRange(new byte[] { 0x20, 0x00 });
        for (int i = 0; i < k; i++) code.AddRange(new byte[] { 0x02, 0x40 });
        for (int i = 0; i < k; i++) code.Add(0x0B);
        for (int i = 0; i < k; i++) code.Add(0x1A);
        var locals = new List<byte> { 0x01, 0x01, I32 };
        m.AddFunction(t, Body(locals, code));
        return m.ToBytes();
    }

    /// <summary>One br_table with n/2 targets (all depth 0).</summary>
    private static byte[] GiantBrTable(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([I32], []);
        var code = new List<byte> { 0x02, 0x40, 0x20, 0x00, 0x0E };
        int targets = n / 2;
        ModuleBuilder.Leb(code, (uint)targets);
        for (int i = 0; i < targets; i++) code.Add(0x00);
        code.Add(0x00);
        code.Add(0x0B);
        m.AddFunction(t, Body(NoLocals(), code));
        return m.ToBytes();
    }

    /// <summary>Deep nesting with a br_table that targets every enclosing depth: per-target work must be O(1).</summary>
    private static byte[] BrTableEveryDepth(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([I32], []);
        int depth = n / 8;
        var code = new List<byte>();
        for (int i = 0; i < depth; i++) code.AddRange(new byte[] { 0x02, 0x40 });
        code.AddRange(new byte[] { 0x20, 0x00, 0x0E });
        ModuleBuilder.Leb(code, (uint)depth);
        for (int i = 0; i < depth; i++) ModuleBuilder.Leb(code, (uint)(depth - 1 - i));
        code.Add(0x00);
        for (int i = 0; i < depth; i++) code.Add(0x0B);
        m.AddFunction(t, Body(NoLocals(), code));
        return m.ToBytes();
    }

    /// <summary>Functions with 50,000 locals each (the limit), touching a few.</summary>
    private static byte[] ManyLocals(int n)
    {
        var m = new ModuleBuilder();
        int t = m.AddType([], [I32]);
        int functions = Math.Max(1, n / 1000);
        for (int f = 0; f < functions; f++)
        {
            var locals = new List<byte> { 0x01 };
            ModuleBuilder.Leb(locals, 49_999);
            locals.Add(I32);
            var code = new List<byte> { 0x20 };
            ModuleBuilder.Leb(code, 49_998);
            code.AddRange(new byte[] { 0x20, 0x00, 0x6A });
            m.AddFunction(t, Body(locals, code));
        }
        return m.ToBytes();
    }
}
