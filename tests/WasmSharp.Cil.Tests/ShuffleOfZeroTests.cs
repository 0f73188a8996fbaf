using WasmSharp.Text;

namespace WasmSharp.Cil.Tests;

/// <summary>i8x16.shuffle whose first operand is a zero v128.const pushed a few instructions earlier (clang's
/// zero-extension idiom; the emitter drops the zero's lookup, FunctionEmitter.ShuffleZero.cs), and near misses where
/// the constant's slot is consumed or changed in between: every result against a model of the shuffle.</summary>
public class ShuffleOfZeroTests
{
    private const string Lanes = "16 1 2 3 17 5 6 7 18 9 10 11 19 13 14 15"; // u8 -> u32 of the second operand
    private const string Mixed = "0 31 2 17 4 5 16 30 8 9 10 11 12 13 14 15";

    // Each function: (param $x i64) (param $y i64), $b = i64x2(x, y); the result is shuffle(first, $b).
    // first is the zero constant, except where a near miss turns it into something else.
    private static readonly (string Name, string Body, Func<byte[], byte[]> First)[] Cases =
    [
        ("direct", "(v128.const i64x2 0 0) (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))", _ => new byte[16]),
        ("after-locals", "(v128.const i64x2 0 0) (local.set $t (i64x2.splat (local.get 0))) (i64x2.replace_lane 1 (local.get $t) (local.get 1))", _ => new byte[16]),
        ("not", "(v128.not (v128.const i64x2 0 0)) (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))", _ => Enumerable.Repeat((byte)0xFF, 16).ToArray()),
        ("added", "(i32x4.add (v128.const i64x2 0 0) (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1))) (local.get $b)", b => b),
        ("teed", "(local.tee $t (v128.const i64x2 0 0)) (local.get $b)", _ => new byte[16]),
        ("replaced", "(v128.const i64x2 0 0) (local.set $t) (local.get $b) (local.get $b)", b => b),
        ("select", "(select (v128.const i64x2 0 0) (local.get $b) (i64.eqz (local.get 0))) (local.get $b)", b => b),
        ("block", "(v128.const i64x2 0 0) (block (result v128) (local.get $b))", _ => new byte[16]),
        // 31 and 61 instructions between the constant and the shuffle: inside and past the look-ahead
        ("far", "(v128.const i64x2 0 0) " + string.Concat(Enumerable.Repeat("(local.set $t (i8x16.abs (local.get $b))) ", 10)) + "(local.get $b)", _ => new byte[16]),
        ("farther", "(v128.const i64x2 0 0) " + string.Concat(Enumerable.Repeat("(local.set $t (i8x16.abs (local.get $b))) ", 20)) + "(local.get $b)", _ => new byte[16]),
    ];

    private static string Module(string lanes) => "(module\n" + string.Concat(Cases.Select(c => $$"""
          (func (export "{{c.Name}}") (param i64 i64) (result v128) (local $b v128) (local $t v128)
            (local.set $b (i64x2.replace_lane 1 (i64x2.splat (local.get 0)) (local.get 1)))
            (i8x16.shuffle {{lanes}} {{c.Body}}))

        """)) + ")";

    [Theory]
    [InlineData(Lanes)]
    [InlineData(Mixed)]
    public void ShuffleOfAZeroConstantMatchesTheModel(string lanes)
    {
        var engine = new Engine(new CilCompiler());
        using var store = new Store(engine);
        var instance = new Linker().Instantiate(store, WasmSharp.Module.FromBytes(engine, Wat.ToBinary(Module(lanes))));
        int[] idx = lanes.Split(' ').Select(int.Parse).ToArray();
        foreach (var (x, y) in new[] { (0x0102030405060708L, unchecked((long)0xF1F2F3F4F5F6F7F8)), (-1L, 0x7F80FF0011223344L) })
        {
            var b = BitConverter.GetBytes(x).Concat(BitConverter.GetBytes(y)).ToArray();
            foreach (var c in Cases)
            {
                var first = c.First(b);
                var want = idx.Select(i => i < 16 ? first[i] : b[i - 16]).ToArray();
                var r = instance.GetFunction(c.Name)!.Invoke([x, y])[0];
                var got = BitConverter.GetBytes(r.Bits).Concat(BitConverter.GetBytes(r.HighBits)).ToArray();
                Assert.True(want.SequenceEqual(got), $"{c.Name}: {Convert.ToHexString(got)}, want {Convert.ToHexString(want)}");
            }
        }
    }
}
