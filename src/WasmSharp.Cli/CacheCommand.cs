using System.CommandLine;

namespace WasmSharp.Cli;

/// <summary><c>wasmsharp cache dir|clean [--cache-dir DIR]</c>: where <c>run</c> keeps compiled modules, and
/// emptying it.</summary>
internal static class CacheCommand
{
    public static Command Create()
    {
        var cmd = new Command("cache", "Manage the cache of compiled modules that 'run' keeps");
        cmd.Subcommands.Add(Sub("dir", "Print the cache directory", cache =>
        {
            Console.WriteLine(cache.Directory);
            return ExitCodes.Success;
        }));
        cmd.Subcommands.Add(Sub("clean", "Delete every cached module", cache =>
        {
            Console.WriteLine($"removed {cache.Clean()} file(s) from {cache.Directory}");
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Sub(string name, string description, Func<ModuleCache, int> action)
    {
        var dir = new Option<string?>("--cache-dir") { Description = "the cache directory (default: $XDG_CACHE_HOME/wasmsharp or ~/.cache/wasmsharp)", HelpName = "DIR" };
        var cmd = new Command(name, description) { dir };
        cmd.SetAction(parse => action(new ModuleCache(parse.GetValue(dir) ?? ModuleCache.DefaultDirectory())));
        return cmd;
    }
}
