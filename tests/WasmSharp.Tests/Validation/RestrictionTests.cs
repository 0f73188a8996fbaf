using WasmSharp.Binary;
using WasmSharp.Text;
using WasmSharp.Validation;
using Xunit;

namespace WasmSharp.Tests.Validation;

/// <summary>The engine's feature set and static module limits (<see cref="ModuleRestrictions"/>): each disabled
/// feature is caught where a module uses it, and the error names it; each limit names itself, the value and the
/// maximum; the defaults check nothing.</summary>
public class RestrictionTests
{
    private static ModuleInfo Decode(string wat) => ModuleDecoder.Decode(Wat.ToBinary(wat));

    private static string Refused(string wat, EngineConfig config) =>
        Assert.Throws<InvalidModuleException>(() => ModuleRestrictions.Validate(Decode(wat), config)).Reason;

    [Theory]
    [InlineData("simd", "(module (func (result i32) v128.const i32x4 1 2 3 4 i32x4.extract_lane 0))")]
    [InlineData("simd", "(module (func (param v128)))")]
    [InlineData("simd", "(module (func (local v128)))")]
    [InlineData("sign-extension", "(module (func (param i32) (result i32) local.get 0 i32.extend8_s))")]
    [InlineData("saturating-float-to-int", "(module (func (param f32) (result i32) local.get 0 i32.trunc_sat_f32_s))")]
    [InlineData("bulk-memory", "(module (memory 1) (func (param i32) local.get 0 i32.const 0 i32.const 1 memory.fill))")]
    [InlineData("bulk-memory", "(module (memory 1) (data \"passive\"))")]
    [InlineData("bulk-memory", "(module (table 1 funcref) (func) (elem func 0))")]
    [InlineData("reference-types", "(module (func (result externref) ref.null extern))")]
    [InlineData("reference-types", "(module (table 1 funcref) (func (result i32) i32.const 0 table.get 0 ref.is_null))")]
    [InlineData("reference-types", "(module (table 1 funcref) (table 1 funcref))")]
    [InlineData("reference-types", "(module (func (param externref)))")]
    [InlineData("reference-types", "(module (func (result i32) (select (result i32) (i32.const 1) (i32.const 2) (i32.const 0))))")]
    [InlineData("multi-value", "(module (func (result i32 i32) i32.const 1 i32.const 2))")]
    [InlineData("multi-value", "(module (type $t (func (param i32) (result i32))) (func (result i32) i32.const 1 (block (type $t) (param i32) (result i32))))")]
    [InlineData("mutable-globals", "(module (import \"env\" \"g\" (global (mut i32))))")]
    [InlineData("mutable-globals", "(module (global (export \"g\") (mut i32) (i32.const 0)))")]
    public void ADisabledFeatureIsNamed(string feature, string wat)
    {
        var off = WasmFeatures.All.Without(feature);
        Assert.StartsWith($"{feature} is disabled", Refused(wat, new EngineConfig { Features = off }));
        ModuleRestrictions.Validate(Decode(wat), new EngineConfig()); // the default allows everything
        // every other feature off leaves it alone
        var others = WasmFeatures.Mvp with
        {
            Simd = feature == "simd", ReferenceTypes = feature == "reference-types", BulkMemory = feature == "bulk-memory",
            MultiValue = feature == "multi-value", SignExtension = feature == "sign-extension",
            SaturatingFloatToInt = feature == "saturating-float-to-int", MutableGlobals = feature == "mutable-globals",
        };
        ModuleRestrictions.Validate(Decode(wat), new EngineConfig { Features = others });
    }

    [Fact]
    public void AnMvpModulePassesWithEveryFeatureOff() =>
        ModuleRestrictions.Validate(Decode("""
            (module
              (type $t (func (param i32) (result i32)))
              (import "env" "f" (func $f (type $t)))
              (import "env" "g" (global i32))
              (memory (export "mem") 1 2)
              (table 2 funcref)
              (elem (i32.const 0) $f $g)
              (global (export "c") i32 (i32.const 7))
              (data (i32.const 0) "hi")
              (func $g (type $t) (local f64)
                (block (result i32)
                  (loop
                    (br_if 1 (i32.const 1) (i32.eqz (local.get 0)))
                    (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                    (br 0)))
                (call_indirect (type $t) (i32.const 0))
                (f32.demote_f64 (f64.sqrt (local.get 1))) drop
                (select (i32.const 1) (i32.const 2) (i32.const 0)) i32.add))
            """), new EngineConfig { Features = WasmFeatures.Mvp });

    [Fact]
    public void UnknownFeatureNamesAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => WasmFeatures.All.Without("simd,threads"));
        Assert.Contains("threads", e.Message);
        Assert.Equal("simd,mutable-globals", WasmFeatures.All.Without(" simd , mutable-globals").DisabledList());
        Assert.True(WasmFeatures.All.IsAll);
        Assert.Equal("", WasmFeatures.All.DisabledList());
    }

    private const string Shapely = """
        (module
          (type (func (param i32 i32 i32) (result i32)))
          (import "env" "a" (func (param i32)))
          (import "env" "b" (global i32))
          (memory 3)
          (table 10 funcref)
          (global i32 (i32.const 1)) (global i32 (i32.const 2))
          (func (export "f") (param i32 i32 i32) (result i32) (local i64 i64) (local.get 0))
          (func (export "g"))
          (data (i32.const 0) "a") (data (i32.const 1) "b")
          (elem (i32.const 0) 1))
        """;

    [Theory]
    [InlineData(nameof(ModuleLimits.MaxTypes), 2, "3 function types")]
    [InlineData(nameof(ModuleLimits.MaxFunctions), 1, "2 functions")]
    [InlineData(nameof(ModuleLimits.MaxImports), 1, "2 imports")]
    [InlineData(nameof(ModuleLimits.MaxExports), 1, "2 exports")]
    [InlineData(nameof(ModuleLimits.MaxGlobals), 2, "3 globals")]
    [InlineData(nameof(ModuleLimits.MaxTables), 0, "1 tables")]
    [InlineData(nameof(ModuleLimits.MaxParams), 2, "3 parameters in type 0")]
    [InlineData(nameof(ModuleLimits.MaxResults), 0, "1 results in type 0")]
    [InlineData(nameof(ModuleLimits.MaxLocals), 4, "5 locals (parameters included) in function 1")]
    [InlineData(nameof(ModuleLimits.MaxFunctionBodySize), 3, "bytes in the body of function 1")]
    [InlineData(nameof(ModuleLimits.MaxTableElements), 9, "10 initial elements in table 0")]
    [InlineData(nameof(ModuleLimits.MaxMemoryPages), 2, "3 initial pages in memory 0")]
    [InlineData(nameof(ModuleLimits.MaxDataSegments), 1, "2 data segments")]
    [InlineData(nameof(ModuleLimits.MaxElementSegments), 0, "1 element segments")]
    public void ALimitNamesItselfAndTheValue(string limit, int max, string found)
    {
        var limits = With(limit, max);
        string reason = Refused(Shapely, new EngineConfig { ModuleLimits = limits });
        Assert.StartsWith("module limit exceeded: ", reason);
        Assert.Contains(found, reason);
        Assert.EndsWith($"{limit} = {max}", reason);
        // at the module's own figure the limit holds
        ModuleRestrictions.Validate(Decode(Shapely), new EngineConfig { ModuleLimits = With(limit, Figure(limit)) });
    }

    private static int Figure(string limit) => limit switch
    {
        nameof(ModuleLimits.MaxTypes) => 3, nameof(ModuleLimits.MaxFunctions) => 2, nameof(ModuleLimits.MaxImports) => 2,
        nameof(ModuleLimits.MaxExports) => 2, nameof(ModuleLimits.MaxGlobals) => 3, nameof(ModuleLimits.MaxTables) => 1,
        nameof(ModuleLimits.MaxParams) => 3, nameof(ModuleLimits.MaxResults) => 1, nameof(ModuleLimits.MaxLocals) => 5,
        nameof(ModuleLimits.MaxFunctionBodySize) => 100, nameof(ModuleLimits.MaxTableElements) => 10,
        nameof(ModuleLimits.MaxMemoryPages) => 3, nameof(ModuleLimits.MaxDataSegments) => 2, _ => 1,
    };

    private static ModuleLimits With(string limit, int max) => limit switch
    {
        nameof(ModuleLimits.MaxTypes) => new() { MaxTypes = max },
        nameof(ModuleLimits.MaxFunctions) => new() { MaxFunctions = max },
        nameof(ModuleLimits.MaxImports) => new() { MaxImports = max },
        nameof(ModuleLimits.MaxExports) => new() { MaxExports = max },
        nameof(ModuleLimits.MaxGlobals) => new() { MaxGlobals = max },
        nameof(ModuleLimits.MaxTables) => new() { MaxTables = max },
        nameof(ModuleLimits.MaxParams) => new() { MaxParams = max },
        nameof(ModuleLimits.MaxResults) => new() { MaxResults = max },
        nameof(ModuleLimits.MaxLocals) => new() { MaxLocals = max },
        nameof(ModuleLimits.MaxFunctionBodySize) => new() { MaxFunctionBodySize = max },
        nameof(ModuleLimits.MaxTableElements) => new() { MaxTableElements = (uint)max },
        nameof(ModuleLimits.MaxMemoryPages) => new() { MaxMemoryPages = (uint)max },
        nameof(ModuleLimits.MaxDataSegments) => new() { MaxDataSegments = max },
        nameof(ModuleLimits.MaxElementSegments) => new() { MaxElementSegments = max },
        _ => throw new ArgumentException(limit),
    };

    [Fact]
    public void NoLimitsCheckNothing()
    {
        Assert.True(ModuleLimits.None.IsNone);
        Assert.False(new ModuleLimits { MaxFunctions = 1 }.IsNone);
        ModuleRestrictions.Validate(Decode(Shapely), new EngineConfig());
    }
}
