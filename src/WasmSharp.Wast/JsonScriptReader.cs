using System.Globalization;
using System.Text.Json;
using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>Reads a wast2json (wabt 1.0.32) command script into the shared script model.</summary>
public static class JsonScriptReader
{
    public static Script Read(string jsonPath)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        using var doc = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        var commands = new List<ScriptCommand>();
        foreach (var c in doc.RootElement.GetProperty("commands").EnumerateArray())
            commands.Add(ReadCommand(c, dir));
        return new Script(jsonPath, commands);
    }

    private static ScriptCommand ReadCommand(JsonElement c, string dir)
    {
        int line = c.GetProperty("line").GetInt32();
        string type = c.GetProperty("type").GetString()!;
        return type switch
        {
            "module" => new ModuleCommand(line, OptString(c, "name"), Module(c, dir)),
            "register" => new RegisterCommand(line, c.GetProperty("as").GetString()!, OptString(c, "name")),
            "action" => new ActionCommand(line, Action(c.GetProperty("action"))),
            "assert_return" => new AssertReturnCommand(line, Action(c.GetProperty("action")),
                c.GetProperty("expected").EnumerateArray().Select(Expected).ToArray()),
            "assert_trap" => new AssertTrapCommand(line, Action(c.GetProperty("action")), c.GetProperty("text").GetString()!),
            "assert_exhaustion" => new AssertExhaustionCommand(line, Action(c.GetProperty("action")), c.GetProperty("text").GetString()!),
            "assert_malformed" => ModuleAssert(c, line, dir, ModuleAssertion.Malformed),
            "assert_invalid" => ModuleAssert(c, line, dir, ModuleAssertion.Invalid),
            "assert_unlinkable" => ModuleAssert(c, line, dir, ModuleAssertion.Unlinkable),
            "assert_uninstantiable" => ModuleAssert(c, line, dir, ModuleAssertion.Uninstantiable),
            _ => throw new FormatException($"line {line}: unknown command type '{type}'"),
        };
    }

    private static AssertModuleCommand ModuleAssert(JsonElement c, int line, string dir, ModuleAssertion kind) =>
        new(line, kind, Module(c, dir), c.GetProperty("text").GetString()!);

    private static ModuleSource Module(JsonElement c, string dir)
    {
        string file = c.GetProperty("filename").GetString()!;
        string path = Path.Combine(dir, file);
        bool text = c.TryGetProperty("module_type", out var mt) && mt.GetString() == "text";
        return text ? ModuleSource.FromText(File.ReadAllText(path), file) : ModuleSource.FromBinary(File.ReadAllBytes(path), file);
    }

    private static string? OptString(JsonElement c, string name) =>
        c.TryGetProperty(name, out var v) ? v.GetString() : null;

    /// <summary>An <c>action</c> object: invoke or get.</summary>
    public static ScriptAction Action(JsonElement a)
    {
        string field = a.GetProperty("field").GetString()!;
        string? module = OptString(a, "module");
        return a.GetProperty("type").GetString() switch
        {
            "invoke" => new InvokeAction(module, field, a.GetProperty("args").EnumerateArray().Select(Value).ToArray()),
            "get" => new GetAction(module, field),
            var t => throw new FormatException($"unknown action type '{t}'"),
        };
    }

    /// <summary>A wast2json type name.</summary>
    public static ValType Type(string name) => name switch
    {
        "i32" => ValType.I32,
        "i64" => ValType.I64,
        "f32" => ValType.F32,
        "f64" => ValType.F64,
        "v128" => ValType.V128,
        "funcref" => ValType.FuncRef,
        "externref" => ValType.ExternRef,
        _ => throw new FormatException($"unknown value type '{name}'"),
    };

    private static ScriptValue Value(JsonElement v)
    {
        var t = Type(v.GetProperty("type").GetString()!);
        var val = v.GetProperty("value");
        if (t == ValType.V128)
        {
            var (lo, hi) = Lanes(v.GetProperty("lane_type").GetString()!, val.EnumerateArray().Select(e => e.GetString()!).ToArray(), out _);
            return ScriptValue.V128(lo, hi);
        }
        string s = val.GetString()!;
        if (t.IsRef()) return s == "null" ? ScriptValue.Null(t) : ScriptValue.Extern(ulong.Parse(s, CultureInfo.InvariantCulture));
        return new ScriptValue(t, ulong.Parse(s, CultureInfo.InvariantCulture));
    }

    /// <summary>An entry of <c>expected</c>: a value, a NaN pattern, per-lane v128, or only a type.</summary>
    public static ExpectedValue Expected(JsonElement v)
    {
        var t = Type(v.GetProperty("type").GetString()!);
        if (!v.TryGetProperty("value", out var val)) return ExpectedValue.TypeOnly(t);
        if (t == ValType.V128)
        {
            string laneName = v.GetProperty("lane_type").GetString()!;
            var lanes = val.EnumerateArray().Select(e => e.GetString()!).ToArray();
            var (lo, hi) = Lanes(laneName, lanes, out var expectedLanes);
            return new ExpectedValue(t, ScriptValue.V128(lo, hi), LaneType: LaneValType(laneName), Lanes: expectedLanes);
        }
        string s = val.GetString()!;
        if (s == "nan:canonical") return ExpectedValue.NanOf(t, NanPattern.Canonical);
        if (s == "nan:arithmetic") return ExpectedValue.NanOf(t, NanPattern.Arithmetic);
        if (t.IsRef()) return ExpectedValue.Exact(s == "null" ? ScriptValue.Null(t) : ScriptValue.Extern(ulong.Parse(s, CultureInfo.InvariantCulture)));
        return ExpectedValue.Exact(new ScriptValue(t, ulong.Parse(s, CultureInfo.InvariantCulture)));
    }

    /// <summary>i8 and i16 lanes have no ValType of their own: they are I32, and the lane count gives the width.</summary>
    private static ValType LaneValType(string lane) => lane switch
    {
        "i8" or "i16" or "i32" => ValType.I32,
        "i64" => ValType.I64,
        "f32" => ValType.F32,
        _ => ValType.F64,
    };

    public static int LaneBits(string lane) => lane switch { "i8" => 8, "i16" => 16, "i32" or "f32" => 32, _ => 64 };

    private static (ulong Lo, ulong Hi) Lanes(string laneType, string[] lanes, out ExpectedLane[] expected)
    {
        int bits = LaneBits(laneType);
        expected = new ExpectedLane[lanes.Length];
        UInt128 acc = 0;
        for (int i = 0; i < lanes.Length; i++)
        {
            ulong laneBits = 0;
            var nan = lanes[i] switch { "nan:canonical" => NanPattern.Canonical, "nan:arithmetic" => NanPattern.Arithmetic, _ => NanPattern.None };
            if (nan == NanPattern.None) laneBits = ulong.Parse(lanes[i], CultureInfo.InvariantCulture);
            expected[i] = new ExpectedLane(laneBits, nan);
            ulong mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
            acc |= (UInt128)(laneBits & mask) << (i * bits);
        }
        return ((ulong)acc, (ulong)(acc >> 64));
    }
}
