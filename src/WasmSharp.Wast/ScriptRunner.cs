using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>
/// Runs the commands of a spec script. Module-level assertions (malformed, invalid) are checked against the decoder
/// and validator; commands that need to execute code are skipped, with a named reason, until an execution engine
/// is plugged in.
/// </summary>
public sealed class ScriptRunner
{
    public const string NeedsEngine = "needs an execution engine";
    public const string NeedsTextParser = "text module: needs the text parser";

    public ScriptReport Run(Script script)
    {
        var report = new ScriptReport(script.FileName);
        foreach (var command in script.Commands)
        {
            try
            {
                RunCommand(command, report);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // a harness or engine bug must show up as a failure of this command, not abort the script
                report.Fail(command.Line, CommandName(command), $"unexpected {e.GetType().Name}: {e.Message}");
            }
        }
        return report;
    }

    private static void RunCommand(ScriptCommand command, ScriptReport report)
    {
        switch (command)
        {
            case ModuleCommand m:
                if (Load(m.Module, report, m.Line, "module") is not null) report.Pass("module");
                break;
            case AssertModuleCommand a:
                RunModuleAssertion(a, report);
                break;
            default:
                report.Skip(NeedsEngine);
                break;
        }
    }

    private static void RunModuleAssertion(AssertModuleCommand a, ScriptReport report)
    {
        string name = CommandName(a);
        if (a.Module.Kind == ModuleSourceKind.Text)
        {
            report.Skip(NeedsTextParser);
            return;
        }
        switch (a.Assertion)
        {
            case ModuleAssertion.Malformed:
                ExpectFailure<MalformedModuleException>(a, report, name);
                break;
            case ModuleAssertion.Invalid:
                ExpectFailure<InvalidModuleException>(a, report, name);
                break;
            default:
                // the module itself must be valid; linking and instantiating it needs the runtime
                if (Load(a.Module, report, a.Line, name) is not null) report.Skip(NeedsEngine);
                break;
        }
    }

    private static void ExpectFailure<TExpected>(AssertModuleCommand a, ScriptReport report, string name) where TExpected : WasmException
    {
        try
        {
            ModuleInfo.Load(a.Module.Binary!);
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

    private static ModuleInfo? Load(ModuleSource source, ScriptReport report, int line, string name)
    {
        if (source.Kind == ModuleSourceKind.Text)
        {
            report.Skip(NeedsTextParser);
            return null;
        }
        try
        {
            return ModuleInfo.Load(source.Binary!);
        }
        catch (WasmException e)
        {
            report.Fail(line, name, $"{source.Description}: {e.GetType().Name}: {e.Message}");
            return null;
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
