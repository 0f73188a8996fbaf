using WasmSharp.Text;
using WasmSharp.Text.Script;
using Xunit;

namespace WasmSharp.Tests.Text;

public sealed class WastParserTests
{
    private const string Sample = """
        (module $M (func (export "f") (param i32) (result i32) (local.get 0)))
        (register "m" $M)
        (module binary "\00asm" "\01\00\00\00")
        (module $Q quote "(func" " (export \"g\"))")
        (invoke "f" (i32.const -1))
        (assert_return (invoke $M "f" (i32.const 7)) (i32.const 7))
        (assert_return (invoke "h" (f32.const -0) (f64.const nan:0x4)) (f32.const nan:canonical) (f64.const nan:arithmetic))
        (assert_return
          (invoke "v" (v128.const i16x8 -1 0 0 0 0 0 0 1))
          (v128.const f32x4 nan:canonical 1 nan:arithmetic -0))
        (assert_return (get "g") (ref.null func) (ref.extern 42) (ref.func))
        (assert_trap (invoke "t") "unreachable")
        (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
        (assert_exhaustion (invoke "r") "call stack exhausted")
        (assert_malformed (module quote "(func") "unexpected end")
        (assert_invalid (module (func (result i32))) "type mismatch")
        (assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")
        (assert_uninstantiable (module (memory 0) (data (i32.const 1) "x")) "out of bounds")
        """;

    [Fact]
    public void Commands_types_lines_and_values()
    {
        var c = WastParser.Parse(Sample, "sample.wast").Commands;
        Assert.Equal(16, c.Count);

        var m = Assert.IsType<ModuleCommand>(c[0]);
        Assert.Equal(("$M", 1, ModuleSourceKind.Binary), (m.Name, m.Line, m.Module.Kind));
        Assert.Equal(Wat.ToBinary("(func (export \"f\") (param i32) (result i32) (local.get 0))"), m.Module.Binary);

        Assert.Equal(new RegisterCommand(2, "m", "$M"), c[1]);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6D, 1, 0, 0, 0 }, Assert.IsType<ModuleCommand>(c[2]).Module.Binary);
        var q = Assert.IsType<ModuleCommand>(c[3]);
        Assert.Equal(("$Q", ModuleSourceKind.Text, "(func (export \"g\"))"), (q.Name, q.Module.Kind, q.Module.Text));

        var a = Assert.IsType<ActionCommand>(c[4]);
        Assert.Equal(ScriptValue.I32(0xFFFFFFFF), Assert.IsType<InvokeAction>(a.Action).Args[0]);

        var r = Assert.IsType<AssertReturnCommand>(c[5]);
        Assert.Equal("$M", r.Action.Module);
        Assert.Equal(ExpectedValue.Exact(ScriptValue.I32(7)), r.Expected[0]);

        r = Assert.IsType<AssertReturnCommand>(c[6]);
        Assert.Equal(new[] { ScriptValue.F32(0x80000000), ScriptValue.F64(0x7FF0000000000004) }, ((InvokeAction)r.Action).Args);
        Assert.Equal(ExpectedValue.NanOf(ValType.F32, NanPattern.Canonical), r.Expected[0]);
        Assert.Equal(ExpectedValue.NanOf(ValType.F64, NanPattern.Arithmetic), r.Expected[1]);

        r = Assert.IsType<AssertReturnCommand>(c[7]);
        Assert.Equal(9, r.Line); // like wast2json: the line of the action
        Assert.Equal(ScriptValue.V128(0x000000000000FFFF, 0x0001000000000000), ((InvokeAction)r.Action).Args[0]);
        var v = r.Expected[0];
        Assert.Equal(ValType.F32, v.LaneType);
        Assert.Equal(new[] { new ExpectedLane(0, NanPattern.Canonical), new ExpectedLane(0x3F800000), new ExpectedLane(0, NanPattern.Arithmetic), new ExpectedLane(0x80000000) }, v.Lanes);

        r = Assert.IsType<AssertReturnCommand>(c[8]);
        Assert.IsType<GetAction>(r.Action);
        Assert.Equal(ExpectedValue.Exact(ScriptValue.Null(ValType.FuncRef)), r.Expected[0]);
        Assert.Equal(ExpectedValue.Exact(ScriptValue.Extern(42)), r.Expected[1]);
        Assert.True(r.Expected[2].AnyFuncRef);

        Assert.Equal("unreachable", Assert.IsType<AssertTrapCommand>(c[9]).Text);
        var trapModule = Assert.IsType<AssertModuleCommand>(c[10]);
        Assert.Equal((ModuleAssertion.Uninstantiable, ModuleSourceKind.Binary), (trapModule.Assertion, trapModule.Module.Kind));
        Assert.IsType<AssertExhaustionCommand>(c[11]);

        var malformed = Assert.IsType<AssertModuleCommand>(c[12]);
        Assert.Equal((ModuleAssertion.Malformed, ModuleSourceKind.Text, "(func"), (malformed.Assertion, malformed.Module.Kind, malformed.Module.Text));
        Assert.Throws<WatParseException>(() => Wat.ToBinary(malformed.Module.Text!));

        var invalid = Assert.IsType<AssertModuleCommand>(c[13]);
        Assert.Equal((ModuleAssertion.Invalid, ModuleSourceKind.Text), (invalid.Assertion, invalid.Module.Kind));
        Assert.Equal(Wat.ToBinary("(func (result i32))"), Wat.ToBinary(invalid.Module.Text!));

        Assert.Equal(ModuleAssertion.Unlinkable, Assert.IsType<AssertModuleCommand>(c[14]).Assertion);
        Assert.Equal(ModuleAssertion.Uninstantiable, Assert.IsType<AssertModuleCommand>(c[15]).Assertion);
    }

    [Fact]
    public void Quoted_text_that_is_not_utf8_stays_malformed()
    {
        var c = WastParser.Parse("(assert_malformed (module quote \"(memory 1) (data (i32.const 0) \\\"\\ff\\\")\") \"malformed UTF-8\")", "u.wast").Commands;
        var text = Assert.IsType<AssertModuleCommand>(c[0]).Module.Text!;
        var e = Assert.Throws<WatParseException>(() => Wat.ToBinary(text));
        Assert.Contains("UTF-8", e.Message);
        // The same bytes written as an escape inside the module's own string are fine.
        var ok = WastParser.Parse("(module quote \"(memory 1) (data (i32.const 0) \\\"\\\\ff\\\")\")", "u.wast").Commands;
        Wat.ToBinary(Assert.IsType<ModuleCommand>(ok[0]).Module.Text!);
    }

    [Theory]
    [InlineData("(assert_return (invoke \"f\") (i32.const nan:canonical))")]
    [InlineData("(invoke \"f\" (f32.const nan:canonical))")]
    [InlineData("(assert_return (invoke \"f\")")]
    [InlineData("(bogus)")]
    [InlineData("(module (func (i32.const)))")]
    [InlineData("(register $M)")]
    public void Malformed_scripts_throw(string text) => Assert.Throws<WatParseException>(() => WastParser.Parse(text, "x.wast"));
}
