using Xunit;

namespace WasmSharp.Singlepass.Tests.Runtime;

/// <summary>Tests that reserve address space by the terabyte run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AddressSpaceCollection
{
    public const string Name = "address space";
}
