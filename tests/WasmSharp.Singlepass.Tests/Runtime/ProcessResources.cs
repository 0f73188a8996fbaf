using System.Globalization;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>What the process holds, from /proc (Linux): the leak and scale tests compare these before and after.</summary>
internal static class ProcessResources
{
    public static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public static int OpenDescriptors() => Directory.GetFileSystemEntries("/proc/self/fd").Length;

    public static int Mappings() => File.ReadLines("/proc/self/maps").Count();

    /// <summary>Full collections with finalizers in between, so dropped stores give back what they hold.</summary>
    public static void Settle()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
