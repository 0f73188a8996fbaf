using System.Reflection;
using Xunit.Sdk;

namespace WasmSharp.Wasi.Tests.Suite;

/// <summary>One row per wasi-testsuite test; every row is skipped, with the reason, when no compiler is available
/// (see <see cref="WasiTestEngine"/>).</summary>
[DataDiscoverer("Xunit.Sdk.MemberDataDiscoverer", "xunit.core")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class WasiSuiteDataAttribute : MemberDataAttributeBase
{
    public WasiSuiteDataAttribute() : base(nameof(WasiTestsuiteTests.Ids), [])
    {
        MemberType = typeof(WasiTestsuiteTests);
        Skip = WasiTestEngine.Unavailable!;
    }

    protected override object[] ConvertDataItem(MethodInfo testMethod, object item) => (object[])item;
}
