namespace WasmSharp.Wasi.Descriptors;

/// <summary>One entry of a guest's descriptor table: what it refers to and the rights the guest holds on it.</summary>
internal abstract class Descriptor : IDisposable
{
    public Rights Base { get; set; }
    public Rights Inheriting { get; set; }

    public abstract Filetype Filetype { get; }

    /// <summary>Fails with <see cref="Errno.NotCapable"/> unless every right in <paramref name="needed"/> is held.</summary>
    public void Require(Rights needed)
    {
        if ((Base & needed) != needed) throw new WasiErrnoException(Errno.NotCapable);
    }

    public abstract void Dispose();
}
