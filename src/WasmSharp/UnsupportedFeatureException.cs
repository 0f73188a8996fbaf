namespace WasmSharp;

/// <summary>A valid module uses something this compiler or runtime does not support yet; the message names it.</summary>
public sealed class UnsupportedFeatureException : WasmException
{
    public string Feature { get; }

    public UnsupportedFeatureException(string feature, string? detail = null)
        : base($"unsupported feature: {feature}{(detail is null ? "" : " (" + detail + ")")}")
    {
        Feature = feature;
    }
}
