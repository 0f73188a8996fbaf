using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary>
/// Parses and runs a command with the CLI's error contract: every failure is one <c>error: ...</c> line on stderr
/// with an exit code of <see cref="ExitCodes"/>, never a .NET stack trace (System.CommandLine's own handler would
/// print one, and its parse errors come with the whole help text).
/// </summary>
internal static class CommandLine
{
    public static int Invoke(RootCommand root, string[] args)
    {
        try
        {
            var parse = root.Parse(args);
            if (parse.Errors.Count > 0) return UsageErrors(parse);
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Failures.Report(e);
        }
    }

    /// <summary>One line: every parse error, and where to find the options.</summary>
    private static int UsageErrors(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        string help = command is RootCommand ? "wasmsharp --help" : $"wasmsharp {command.Name} --help";
        Console.Error.WriteLine($"error: {string.Join("; ", parse.Errors.Select(e => e.Message))} ({help} lists the options)");
        return ExitCodes.Usage;
    }
}
