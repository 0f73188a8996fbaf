using WasmSharp.Text;
using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>
/// Runs the commands of a spec script. Without an engine, module-level assertions (malformed, invalid) are checked
/// against the decoder and validator and commands that execute code are skipped with a named reason. With an
/// engine, every command runs.
/// </summary>
public sealed class ScriptRunner
{
    public const string NeedsEngine = "needs an execution engine";

    private readonly Engine? _engine;
    private readonly bool _roundTripArtifacts;

    /// <param name="roundTripArtifacts">Run every module from its serialized artifact (see <see cref="ScriptExecutor"/>).</param>
    public ScriptRunner(Engine? engine = null, bool roundTripArtifacts = false)
    {
        _engine = engine;
        _roundTripArtifacts = roundTripArtifacts;
    }

    public ScriptReport Run(Script script)
    {
        var report = new ScriptReport(script.FileName);
        using var executor = _engine is null ? null : new ScriptExecutor(_engine, _roundTripArtifacts);
        var state = new RunState(report, executor);
        foreach (var command in script.Commands)
        {
            try
            {
                RunCommand(command, state);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // a harness or engine bug must show up as a failure of this command, not abort the script
                report.Fail(command.Line, CommandName(command), $"unexpected {e.GetType().Name}: {e.Message}");
            }
        }
        report.FuelConsumed = executor?.FuelConsumed;
        return report;
    }

    /// <summary>What a run carries from command to command.</summary>
    private sealed class RunState(ScriptReport report, ScriptExecutor? executor)
    {
        public ScriptReport Report { get; } = report;
        public ScriptExecutor? Executor { get; } = executor;
        /// <summary>Set when the current module could not be used for a reason that is a skip, not a failure.</summary>
        public string? CurrentSkipped { get; set; }
        public HashSet<string> SkippedNames { get; } = new(StringComparer.Ordinal);
    }

    private static void RunCommand(ScriptCommand command, RunState s)
    {
        switch (command)
        {
            case ModuleCommand m:
                RunModule(m, s);
                break;
            case AssertModuleCommand a:
                RunModuleAssertion(a, s);
                break;
            default:
                if (s.Executor is null) s.Report.Skip(NeedsEngine);
                else if (SkipReason(command, s) is { } why) s.Report.Skip(why);
                else CommandExecution.Run(command, s.Executor, s.Report);
                break;
        }
    }

    /// <summary>Commands that use a module that was skipped are skipped for the same reason.</summary>
    private static string? SkipReason(ScriptCommand command, RunState s)
    {
        string? module = command switch
        {
            RegisterCommand r => r.Name,
            ActionCommand a => a.Action.Module,
            AssertReturnCommand a => a.Action.Module,
            AssertTrapCommand a => a.Action.Module,
            AssertExhaustionCommand a => a.Action.Module,
            _ => null,
        };
        if (module is null) return s.CurrentSkipped;
        return s.SkippedNames.Contains(module) ? "uses a skipped module" : null;
    }

    private static void RunModule(ModuleCommand m, RunState s)
    {
        var bytes = Bytes(m.Module, s.Report, m.Line, "module");
        if (bytes is null) return;
        if (s.Executor is null)
        {
            if (Validate(bytes, m.Module, s.Report, m.Line, "module")) s.Report.Pass("module");
            return;
        }
        try
        {
            s.Executor.Instantiate(bytes, m.Name);
            s.CurrentSkipped = null;
            if (m.Name is not null) s.SkippedNames.Remove(m.Name);
            s.Report.Pass("module");
        }
        catch (UnsupportedFeatureException e)
        {
            s.CurrentSkipped = e.Message;
            if (m.Name is not null) s.SkippedNames.Add(m.Name);
            s.Report.Skip(e.Message);
        }
        catch (WasmException e)
        {
            s.CurrentSkipped = "current module failed to instantiate";
            s.Report.Fail(m.Line, "module", $"{m.Module.Description}: {e.GetType().Name}: {e.Message}");
        }
    }

    private static void RunModuleAssertion(AssertModuleCommand a, RunState s)
    {
        string name = CommandName(a);
        if (a.Assertion == ModuleAssertion.Malformed && a.Module.Kind == ModuleSourceKind.Text)
        {
            ExpectTextRejected(a, s.Report, name);
            return;
        }
        var bytes = Bytes(a.Module, s.Report, a.Line, name);
        if (bytes is null) return;
        switch (a.Assertion)
        {
            case ModuleAssertion.Malformed:
                ExpectLoadFailure<MalformedModuleException>(bytes, a, s.Report, name);
                break;
            case ModuleAssertion.Invalid:
                ExpectLoadFailure<InvalidModuleException>(bytes, a, s.Report, name);
                break;
            default:
                if (s.Executor is null)
                {
                    // the module itself must be valid; linking and instantiating it needs the runtime
                    if (Validate(bytes, a.Module, s.Report, a.Line, name)) s.Report.Skip(NeedsEngine);
                }
                else CommandExecution.ExpectInstantiationFailure(a, bytes, s.Executor, s.Report);
                break;
        }
    }

    /// <summary>The module's binary: as given, or encoded from its text.</summary>
    private static byte[]? Bytes(ModuleSource source, ScriptReport report, int line, string name)
    {
        if (source.Kind == ModuleSourceKind.Binary) return source.Binary;
        try
        {
            return Wat.ToBinary(source.Text!);
        }
        catch (WatParseException e)
        {
            report.Fail(line, name, $"{source.Description}: text does not parse: {e.Message}");
            return null;
        }
    }

    /// <summary>Malformed text must be rejected by the text parser (or, once encoded, by the decoder).</summary>
    private static void ExpectTextRejected(AssertModuleCommand a, ScriptReport report, string name)
    {
        byte[] bytes;
        try
        {
            bytes = Wat.ToBinary(a.Module.Text!);
        }
        catch (WatParseException)
        {
            report.Pass(name);
            return;
        }
        ExpectLoadFailure<MalformedModuleException>(bytes, a, report, name);
    }

    private static void ExpectLoadFailure<TExpected>(byte[] bytes, AssertModuleCommand a, ScriptReport report, string name)
        where TExpected : WasmException
    {
        try
        {
            ModuleInfo.Load(bytes);
            report.Fail(a.Line, name, $"{a.Module.Description}: accepted, expected \"{a.Text}\"");
        }
        catch (TExpected)
        {
            report.Pass(name);
        }
        catch (WasmException e)
        {
            report.Fail(a.Line, name, $"{a.Module.Description}: wrong kind of error, expected \"{a.Text}\", got {e.GetType().Name}: {e.Message}");
        }
    }

    private static bool Validate(byte[] bytes, ModuleSource source, ScriptReport report, int line, string name)
    {
        try
        {
            ModuleInfo.Load(bytes);
            return true;
        }
        catch (WasmException e)
        {
            report.Fail(line, name, $"{source.Description}: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    public static string CommandName(ScriptCommand c) => c switch
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
        AssertModuleCommand => "assert_uninstantiable",
        _ => c.GetType().Name,
    };
}
