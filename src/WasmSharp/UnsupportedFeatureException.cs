namespace WasmSharp;

/// <summary>A valid module uses something this compiler or runtime does not support yet; the message names it.</summary>
public sealed class UnsupportedFeatureException : WasmException
{
    /// <summary>The feature's name, e.g. <c>simd</c>.</summary>
    public string Feature { get; }

    /// <summary>The module needs <paramref name="feature"/>, which this build or compiler lacks; <paramref name="detail"/> says more.</summary>
    public UnsupportedFeatureException(string feature, string? detail = null)
        : base($"unsupported feature: {feature}{(detail is null ? "" : " (" + detail + ")")}")
    {
        Feature = feature;
    }
}
