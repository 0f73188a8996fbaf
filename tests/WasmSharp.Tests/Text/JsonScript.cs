using System.Globalization;
using System.Text.Json;
using WasmSharp.Text.Script;

namespace WasmSharp.Tests.Text;

/// <summary>One wast2json command, with its values read into the shared script model for comparison.</summary>
internal sealed record JsonCommand(string Type, int Line, JsonElement Raw, string Dir)
{
    public string? FileName => Raw.TryGetProperty("filename", out var f) ? f.GetString() : null;
    public string? ModuleType => Raw.TryGetProperty("module_type", out var f) ? f.GetString() : null;
    public string? Name => Raw.TryGetProperty("name", out var f) ? f.GetString() : null;
    public string FilePath => Path.Combine(Dir, FileName!);
}

/// <summary>Reads wast2json output: the reference the WAST parser is checked against.</summary>
internal static class JsonScript
{
    public static List<JsonCommand> Read(string name)
    {
        string dir = SpecData.JsonDir(name);
        var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, name + ".json")));
        return doc.RootElement.GetProperty("commands").EnumerateArray()
            .Select(c => new JsonCommand(c.GetProperty("type").GetString()!, c.GetProperty("line").GetInt32(), c, dir))
            .ToList();
    }

    public static string ExpectedCommandType(ScriptCommand c) => c switch
    {
        ModuleCommand => "module",
        RegisterCommand => "register",
        ActionCommand => "action",
        AssertReturnCommand => "assert_return",
        AssertTrapCommand => "assert_trap",
        AssertExhaustionCommand => "assert_exhaustion",
        AssertModuleCommand { Assertion: ModuleAssertion.Malformed } => "assert_malformed",
        AssertModuleCommand { Assertion: ModuleAssertion.Invalid } => "assert_invalid",
        AssertModuleCommand { Assertion: ModuleAssertion.Unlinkable } => "assert_unlinkable",
        // assert_trap on a module is what wast2json calls assert_uninstantiable.
        AssertModuleCommand { Assertion: ModuleAssertion.Uninstantiable } => "assert_uninstantiable",
        _ => "?",
    };

    public static ValType Type(string name) => name switch
    {
        "i32" => ValType.I32,
        "i64" => ValType.I64,
        "f32" => ValType.F32,
        "f64" => ValType.F64,
        "v128" => ValType.V128,
        "funcref" => ValType.FuncRef,
        "externref" => ValType.ExternRef,
        _ => throw new FormatException(name),
    };

    public static ScriptAction Action(JsonElement a)
    {
        string field = a.GetProperty("field").GetString()!;
        string? module = a.TryGetProperty("module", out var m) ? m.GetString() : null;
        if (a.GetProperty("type").GetString() == "get") return new GetAction(module, field);
        var args = a.GetProperty("args").EnumerateArray().Select(v => Expected(v).Value).ToArray();
        return new InvokeAction(module, field, args);
    }

    public static ExpectedValue Expected(JsonElement v)
    {
        var t = Type(v.GetProperty("type").GetString()!);
        if (!v.TryGetProperty("value", out var val)) return ExpectedValue.TypeOnly(t);
        if (t == ValType.V128) return V128(v.GetProperty("lane_type").GetString()!, val);
        string s = val.GetString()!;
        if (s == "nan:canonical") return ExpectedValue.NanOf(t, NanPattern.Canonical);
        if (s == "nan:arithmetic") return ExpectedValue.NanOf(t, NanPattern.Arithmetic);
        if (t.IsRef()) return ExpectedValue.Exact(s == "null" ? ScriptValue.Null(t) : ScriptValue.Extern(ulong.Parse(s, CultureInfo.InvariantCulture)));
        return ExpectedValue.Exact(new ScriptValue(t, ulong.Parse(s, CultureInfo.InvariantCulture)));
    }

    private static ExpectedValue V128(string laneType, JsonElement values)
    {
        int bits = laneType switch { "i8" => 8, "i16" => 16, "i32" or "f32" => 32, _ => 64 };
        var laneVal = laneType switch { "i64" => ValType.I64, "f32" => ValType.F32, "f64" => ValType.F64, _ => ValType.I32 };
        var strings = values.EnumerateArray().Select(e => e.GetString()!).ToArray();
        var lanes = new ExpectedLane[strings.Length];
        UInt128 acc = 0;
        for (int i = 0; i < strings.Length; i++)
        {
            var nan = strings[i] switch { "nan:canonical" => NanPattern.Canonical, "nan:arithmetic" => NanPattern.Arithmetic, _ => NanPattern.None };
            ulong laneBits = nan == NanPattern.None ? ulong.Parse(strings[i], CultureInfo.InvariantCulture) : 0;
            lanes[i] = new ExpectedLane(laneBits, nan);
            acc |= (UInt128)laneBits << (i * bits);
        }
        return new ExpectedValue(ValType.V128, ScriptValue.V128((ulong)acc, (ulong)(acc >> 64)), LaneType: laneVal, Lanes: lanes);
    }

    /// <summary>Structural equality (the record's own equality compares the lane arrays by reference).</summary>
    public static bool Same(ExpectedValue a, ExpectedValue b) =>
        a.Type == b.Type && a.Value == b.Value && a.Nan == b.Nan && a.LaneType == b.LaneType && a.AnyFuncRef == b.AnyFuncRef
        && (a.Lanes is null ? b.Lanes is null : b.Lanes is not null && a.Lanes.AsSpan().SequenceEqual(b.Lanes));

    public static bool Same(ScriptAction a, ScriptAction b) => (a, b) switch
    {
        (InvokeAction x, InvokeAction y) => x.Module == y.Module && x.Field == y.Field && x.Args.AsSpan().SequenceEqual(y.Args),
        (GetAction x, GetAction y) => x.Module == y.Module && x.Field == y.Field,
        _ => false,
    };
}
