using WasmSharp.Contract;
using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>
/// The runtime-contract suite (<see cref="RuntimeContract"/>, shared with the AArch64 console runner
/// tests/WasmSharp.Contract.Runner) against every compiler of this host: each check × each backend.
/// </summary>
public class RuntimeContractTests
{
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (name, _) in RuntimeContract.All)
            foreach (string backend in Backends.Names)
                cases.Add(name, backend);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Contract(string check, string backend) =>
        RuntimeContract.All.Single(c => c.Name == check).Run(new ContractBackend(backend, config => Backends.Engine(backend, config)));
}
