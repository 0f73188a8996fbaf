using WasmSharp.Text.Script;

namespace WasmSharp.Wast;

/// <summary>The commands that run code: register, actions, assert_return/trap/exhaustion, link and start failures.</summary>
internal static class CommandExecution
{
    public static void Run(ScriptCommand command, ScriptExecutor executor, ScriptReport report)
    {
        string name = ScriptRunner.CommandName(command);
        switch (command)
        {
            case RegisterCommand r:
                executor.Register(r.As, r.Name);
                report.Pass(name);
                break;
            case ActionCommand a:
                Guard(a.Line, name, report, () => { executor.Perform(a.Action); report.Pass(name); });
                break;
            case AssertReturnCommand a:
                Guard(a.Line, name, report, () => CheckReturn(a, executor.Perform(a.Action), report));
                break;
            case AssertTrapCommand a:
                ExpectTrap(a.Line, name, a.Action, a.Text, executor, report, exhaustion: false);
                break;
            case AssertExhaustionCommand a:
                ExpectTrap(a.Line, name, a.Action, a.Text, executor, report, exhaustion: true);
                break;
        }
    }

    private static void Guard(int line, string name, ScriptReport report, Action body)
    {
        try
        {
            body();
        }
        catch (WasmException e)
        {
            report.Fail(line, name, $"{e.GetType().Name}: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string s) => s.Split('\n')[0];

    private static void CheckReturn(AssertReturnCommand a, Value[] results, ScriptReport report)
    {
        string name = "assert_return";
        if (results.Length != a.Expected.Length)
        {
            report.Fail(a.Line, name, $"{Describe(a.Action)}: {results.Length} results, expected {a.Expected.Length}");
            return;
        }
        for (int i = 0; i < results.Length; i++)
        {
            if (!ValueMatcher.Matches(results[i], a.Expected[i]))
            {
                report.Fail(a.Line, name, $"{Describe(a.Action)}: result {i} is {ValueMatcher.Format(results[i])}, expected {ValueMatcher.Format(a.Expected[i])}");
                return;
            }
        }
        report.Pass(name);
    }

    private static void ExpectTrap(int line, string name, ScriptAction action, string text, ScriptExecutor executor, ScriptReport report, bool exhaustion)
    {
        try
        {
            executor.Perform(action);
            report.Fail(line, name, $"{Describe(action)}: returned, expected trap \"{text}\"");
        }
        catch (TrapException t)
        {
            bool ok = exhaustion ? t.Kind == TrapKind.CallStackExhausted : text.StartsWith(t.Kind.Message(), StringComparison.Ordinal);
            if (ok) report.Pass(name);
            else report.Fail(line, name, $"{Describe(action)}: trapped \"{t.Kind.Message()}\", expected \"{text}\"");
        }
        catch (WasmException e)
        {
            report.Fail(line, name, $"{Describe(action)}: {e.GetType().Name}: {FirstLine(e.Message)}, expected trap \"{text}\"");
        }
    }

    public static void ExpectInstantiationFailure(AssertModuleCommand a, byte[] bytes, ScriptExecutor executor, ScriptReport report)
    {
        string name = ScriptRunner.CommandName(a);
        try
        {
            executor.InstantiateOnly(bytes);
            report.Fail(a.Line, name, $"{a.Module.Description}: instantiated, expected \"{a.Text}\"");
        }
        catch (UnsupportedFeatureException e)
        {
            report.Skip(e.Message);
        }
        catch (LinkException) when (a.Assertion == ModuleAssertion.Unlinkable)
        {
            report.Pass(name);
        }
        catch (TrapException t) when (a.Assertion == ModuleAssertion.Uninstantiable)
        {
            if (a.Text.StartsWith(t.Kind.Message(), StringComparison.Ordinal)) report.Pass(name);
            else report.Fail(a.Line, name, $"{a.Module.Description}: trapped \"{t.Kind.Message()}\", expected \"{a.Text}\"");
        }
        catch (WasmException e)
        {
            report.Fail(a.Line, name, $"{a.Module.Description}: {e.GetType().Name}: {FirstLine(e.Message)}, expected \"{a.Text}\"");
        }
    }

    private static string Describe(ScriptAction a) => a switch
    {
        InvokeAction i => $"invoke \"{i.Field}\"({string.Join(", ", i.Args.Select(v => v.IsNull ? "null" : $"0x{v.Lo:x}"))})",
        _ => $"get \"{a.Field}\"",
    };
}
