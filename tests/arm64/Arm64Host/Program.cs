using System.Diagnostics;
using System.Runtime.InteropServices;
using Arm64Host;

// Each check assembles a function with Arm64Assembler, maps it executable and calls it; exit code 1 on any mismatch.
if (RuntimeInformation.ProcessArchitecture != Architecture.Arm64)
{
    Console.Error.WriteLine($"needs an arm64 process (this is {RuntimeInformation.ProcessArchitecture}): run it under qemu-aarch64, see tests/arm64/run.sh");
    return 2;
}
var clock = Stopwatch.StartNew();
var checks = new Checks();
checks.RunAll();
Console.WriteLine($"{checks.Passed} checks passed, {checks.Failed} failed, in {clock.ElapsedMilliseconds} ms");
return checks.Failed == 0 ? 0 : 1;
