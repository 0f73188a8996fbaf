using WasmSharp.Text;
using Xunit;

namespace WasmSharp.Tests.Text;

public sealed class ErrorTests
{
    [Fact]
    public void Unknown_instruction_reports_line_and_column()
    {
        var e = Assert.Throws<WatParseException>(() => Wat.ToBinary("(module\n  (func\n    (i32.const 0) foo))"));
        Assert.Equal(3, e.Line);
        Assert.Equal(19, e.Column);
        Assert.StartsWith("3:19: ", e.Message);
        Assert.Contains("foo", e.Message);
    }

    [Fact]
    public void Unexpected_token_names_what_was_expected()
    {
        var e = Assert.Throws<WatParseException>(() => Wat.ToBinary("(module (global i32 (i32.const 0)) (global \"x\"))"));
        Assert.Equal((1, 44), (e.Line, e.Column));
        Assert.Contains("expected a value type", e.Message);
    }

    [Theory]
    [InlineData("(module (func)", 1, 15)]              // unclosed: reported at the end of input
    [InlineData("(module (func)))", 1, 16)]
    [InlineData("(module (func (; unclosed", 1, 15)]
    [InlineData("(func (i32.const 4294967296))", 1, 18)]
    [InlineData("(func (br $nowhere))", 1, 11)]
    [InlineData("(func $f) (func $f)", 1, 17)]
    [InlineData("(func) (import \"a\" \"b\" (func))", 1, 9)]
    [InlineData("(memory 1) (func (drop (i32.load align=3 (i32.const 0))))", 1, 34)]
    [InlineData("(func block $a end $b)", 1, 20)]
    [InlineData("(func (local.get $x))", 1, 18)]
    [InlineData("(type $t (func)) (func (type $t) (param i32))", 1, 24)]
    [InlineData("(func (result i32) (param i32))", 1, 21)]
    [InlineData("(module) (module)", 1, 10)]
    [InlineData("(func (i32.const 0x))", 1, 18)]
    [InlineData("(func (f32.const 1e39) drop)", 1, 18)]
    [InlineData("(func (call_indirect (param $x i32)))", 1, 29)]
    [InlineData("(data\"a\")", 1, 6)]
    [InlineData("(func {})", 1, 7)]
    [InlineData("(func nop nop end)", 1, 15)]
    public void Malformed_text_reports_position(string text, int line, int column)
    {
        var e = Assert.Throws<WatParseException>(() => Wat.ToBinary(text));
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void Block_comments_nest_and_line_comments_end_at_newline()
    {
        var a = Wat.ToBinary("(module (; outer (; inner ;) still comment ;) (func ;; (bogus\n nop))");
        Assert.Equal(Wat.ToBinary("(func nop)"), a);
    }
}
