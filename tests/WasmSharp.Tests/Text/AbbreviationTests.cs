using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

/// <summary>Each abbreviation must encode exactly like the form it abbreviates (spec 6.6, 6.5).</summary>
public sealed class AbbreviationTests
{
    [Theory]
    [InlineData("(func (export \"f\") (param i32))", "(func $f (param i32)) (export \"f\" (func $f))")]
    [InlineData("(func $f (import \"m\" \"f\") (param i32))", "(import \"m\" \"f\" (func $f (param i32)))")]
    [InlineData("(global (export \"g\") (import \"m\" \"g\") (mut i32))", "(import \"m\" \"g\" (global (mut i32))) (export \"g\" (global 0))")]
    [InlineData("(table (export \"t\") 1 funcref)", "(table 1 funcref) (export \"t\" (table 0))")]
    [InlineData("(memory (import \"m\" \"mem\") 1 2)", "(import \"m\" \"mem\" (memory 1 2))")]
    [InlineData("(memory (data \"ab\" \"c\"))", "(memory 1 1) (data (i32.const 0) \"abc\")")]
    [InlineData("(memory (data))", "(memory 0 0) (data (i32.const 0))")]
    [InlineData("(func $f) (func $g) (table funcref (elem $f $g))", "(func $f) (func $g) (table 2 2 funcref) (elem (table 0) (offset (i32.const 0)) func $f $g)")]
    [InlineData("(func $f) (table externref (elem (ref.null extern)))", "(func $f) (table 1 1 externref) (elem (table 0) (i32.const 0) externref (item ref.null extern))")]
    [InlineData("(table 1 funcref) (func $f) (elem (i32.const 0) $f)", "(table 1 funcref) (func $f) (elem (table 0) (offset i32.const 0) func 0)")]
    [InlineData("(func $f) (elem funcref (ref.func $f) (item ref.func $f))", "(func $f) (elem func $f $f)")]
    [InlineData("(memory 1) (data (i32.const 8) \"x\")", "(memory 1) (data (memory 0) (offset (i32.const 8)) \"x\")")]
    [InlineData("(func (param i32 i64) (local f32 f32))", "(type (func (param i32) (param i64))) (func (type 0) (local f32) (local f32))")]
    [InlineData("(func (result i32) (i32.add (i32.const 1) (i32.const 2)))", "(func (result i32) i32.const 1 i32.const 2 i32.add)")]
    [InlineData("(func (param i32) (result i32) (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.const 2))))",
                "(func (param i32) (result i32) local.get 0 if (result i32) i32.const 1 else i32.const 2 end)")]
    [InlineData("(func (block $a (loop $b (br_if $b (i32.const 0)) (br $a))))", "(func block loop i32.const 0 br_if 0 br 1 end end)")]
    [InlineData("(func (block $l (block $l (br $l))))", "(func block block br 0 end end)")]
    [InlineData("(func (param $x i32) (local $y i32) (local.set $y (local.get $x)))", "(func (param i32) (local i32) local.get 0 local.set 1)")]
    [InlineData("(func $f (call $f))", "(func call 0)")]
    [InlineData("(func (i32.load offset=0 align=4 (i32.const 0)) drop) (memory 1)", "(func i32.const 0 i32.load drop) (memory 1)")]
    [InlineData("(func (table.get (i32.const 0)) drop) (table 1 funcref)", "(func i32.const 0 table.get 0 drop) (table $t 1 funcref)")]
    [InlineData("(func (table.copy (i32.const 0) (i32.const 0) (i32.const 0))) (table 1 funcref)", "(func i32.const 0 i32.const 0 i32.const 0 table.copy 0 0) (table 1 funcref)")]
    [InlineData("(module $m (func))", "(func)")]
    public void Abbreviation_encodes_like_its_expansion(string abbreviated, string expanded) =>
        Assert.Equal(Wat.ToBinary(expanded), Wat.ToBinary(abbreviated));

    [Fact]
    public void Implicit_types_are_appended_after_explicit_ones_in_order_of_use()
    {
        var implicitFirst = Wat.ToBinary(
            "(func (param i32)) (type $v (func)) (func (result f64) (f64.const 0)) (func (type $v)) " +
            "(func (call_indirect (param i64) (i64.const 0) (i32.const 0))) (table 1 funcref)");
        var spelledOut = Wat.ToBinary(
            "(type (func)) (type (func (param i32))) (type (func (result f64))) (type (func (param i64))) " +
            "(func (type 1)) (func (type 2) (f64.const 0)) (func (type 0)) " +
            "(func (call_indirect (type 3) (i64.const 0) (i32.const 0))) (table 1 funcref)");
        Assert.Equal(spelledOut, implicitFirst);
    }

    [Fact]
    public void Block_types_use_inline_forms_unless_they_need_a_type()
    {
        var body = WasmReader.Body(Wat.ToBinary(
            "(type $r (func (result i32))) (func (block) (block (result i64) (i64.const 0) drop)" +
            " (block (type $r) (i32.const 0)) drop (i32.const 1) (block (param i32) drop))"));
        Assert.Equal(new byte[]
        {
            0x02, 0x40, 0x0B,
            0x02, 0x7E, 0x42, 0x00, 0x1A, 0x0B, 0x1A,
        }.Take(3), body.Take(3));
        // (block (param i32)) gets type 2: type 1 is the function's own implicit [] -> [].
        Assert.Equal(new byte[] { 0x02, 0x7F, 0x41, 0x00, 0x0B, 0x1A, 0x41, 0x01, 0x02, 0x02, 0x1A, 0x0B, 0x0B },
            body[^13..]);
    }

    [Fact]
    public void Flat_and_folded_if_with_labels()
    {
        var flat = Wat.ToBinary("(func (param i32) local.get 0 if $l br $l else $l br $l end $l)");
        var folded = Wat.ToBinary("(func (param i32) (if $l (local.get 0) (then (br $l)) (else (br $l))))");
        Assert.Equal(flat, folded);
        Assert.Equal(new byte[] { 0x20, 0x00, 0x04, 0x40, 0x0C, 0x00, 0x05, 0x0C, 0x00, 0x0B, 0x0B }, WasmReader.Body(flat));
    }

    [Fact]
    public void Empty_else_is_left_out_like_wabt()
    {
        Assert.Equal(Wat.ToBinary("(func (if (i32.const 0) (then nop)))"),
            Wat.ToBinary("(func (if (i32.const 0) (then nop) (else)))"));
    }

    [Fact]
    public void Br_table_call_indirect_and_select_immediates()
    {
        var module = Wat.ToBinary(
            "(type $t (func (param i32))) (table $tab 1 funcref) (table $u 1 funcref)" +
            "(func (param i32) (block $a (block $b (br_table $a $b 0 (local.get 0)))) " +
            "(call_indirect $u (type $t) (i32.const 1) (i32.const 0))" +
            "(drop (select (i32.const 1) (i32.const 2) (i32.const 3))) (drop (select (result f32) (f32.const 1) (f32.const 2) (i32.const 3))))");
        var body = WasmReader.Body(module);
        Assert.Equal(new byte[] { 0x02, 0x40, 0x02, 0x40, 0x20, 0x00, 0x0E, 0x02, 0x01, 0x00, 0x00, 0x0B, 0x0B }, body[..13]);
        Assert.Equal(new byte[] { 0x41, 0x01, 0x41, 0x00, 0x11, 0x00, 0x01 }, body[13..20]);
        Assert.Contains((byte)0x1B, body);
        Assert.Equal(new byte[] { 0x1C, 0x01, 0x7D, 0x1A, 0x0B }, body[^5..]);
    }

    [Fact]
    public void Bulk_instructions_and_data_count()
    {
        var module = Wat.ToBinary(
            "(memory 1) (table 2 funcref) (func $f) (elem $e func $f) (data $d \"x\")" +
            "(func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d) (elem.drop $e)" +
            " (table.init $e (i32.const 0) (i32.const 0) (i32.const 1)) (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))" +
            " (memory.fill (i32.const 0) (i32.const 0) (i32.const 0)))");
        Assert.True(WasmReader.HasSection(module, 12));
        Assert.Equal(new byte[] { 0x01 }, WasmReader.Section(module, 12));
        var body = WasmReader.Body(module, 1);
        Assert.Equal(new byte[] { 0xFC, 0x08, 0x00, 0x00 }, body[6..10]);
        Assert.Equal(new byte[] { 0xFC, 0x09, 0x00, 0xFC, 0x0D, 0x00 }, body[10..16]);
        Assert.False(WasmReader.HasSection(Wat.ToBinary("(memory 1) (data \"x\")"), 12));
    }

    [Fact]
    public void Element_segment_modes()
    {
        var elems = WasmReader.Section(Wat.ToBinary(
            "(table $a 1 funcref) (table $b 1 funcref) (func $f)" +
            "(elem (i32.const 0) $f) (elem func $f) (elem declare func $f) (elem (table $b) (i32.const 0) func $f)" +
            "(elem funcref (ref.null func)) (elem (table $b) (i32.const 0) funcref (ref.null func))"), 9);
        Assert.Equal(new byte[]
        {
            6,
            0x00, 0x41, 0x00, 0x0B, 0x01, 0x00,
            0x01, 0x00, 0x01, 0x00,
            0x03, 0x00, 0x01, 0x00,
            0x02, 0x01, 0x41, 0x00, 0x0B, 0x00, 0x01, 0x00,
            0x05, 0x70, 0x01, 0xD0, 0x70, 0x0B,
            0x06, 0x01, 0x41, 0x00, 0x0B, 0x70, 0x01, 0xD0, 0x70, 0x0B,
        }, elems);
    }
}
