namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>rights</c> (u64 flags): what a descriptor may be used for.</summary>
[Flags]
public enum Rights : ulong
{
    None = 0,
    FdDatasync = 1UL << 0,
    FdRead = 1UL << 1,
    FdSeek = 1UL << 2,
    FdFdstatSetFlags = 1UL << 3,
    FdSync = 1UL << 4,
    FdTell = 1UL << 5,
    FdWrite = 1UL << 6,
    FdAdvise = 1UL << 7,
    FdAllocate = 1UL << 8,
    PathCreateDirectory = 1UL << 9,
    PathCreateFile = 1UL << 10,
    PathLinkSource = 1UL << 11,
    PathLinkTarget = 1UL << 12,
    PathOpen = 1UL << 13,
    FdReaddir = 1UL << 14,
    PathReadlink = 1UL << 15,
    PathRenameSource = 1UL << 16,
    PathRenameTarget = 1UL << 17,
    PathFilestatGet = 1UL << 18,
    PathFilestatSetSize = 1UL << 19,
    PathFilestatSetTimes = 1UL << 20,
    FdFilestatGet = 1UL << 21,
    FdFilestatSetSize = 1UL << 22,
    FdFilestatSetTimes = 1UL << 23,
    PathSymlink = 1UL << 24,
    PathRemoveDirectory = 1UL << 25,
    PathUnlinkFile = 1UL << 26,
    PollFdReadwrite = 1UL << 27,
    SockShutdown = 1UL << 28,
    SockAccept = 1UL << 29,
}

/// <summary>The right sets a descriptor of each kind can hold.</summary>
public static class RightSets
{
    /// <summary>Rights that make sense on a regular file.</summary>
    public const Rights RegularFile = Rights.FdDatasync | Rights.FdRead | Rights.FdSeek | Rights.FdFdstatSetFlags |
        Rights.FdSync | Rights.FdTell | Rights.FdWrite | Rights.FdAdvise | Rights.FdAllocate | Rights.FdFilestatGet |
        Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes | Rights.PollFdReadwrite;

    /// <summary>Rights that make sense on a directory (no reading, writing or sizing through the fd itself).</summary>
    public const Rights Directory = Rights.FdFdstatSetFlags | Rights.FdSync | Rights.FdAdvise |
        Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkSource | Rights.PathLinkTarget |
        Rights.PathOpen | Rights.FdReaddir | Rights.PathReadlink | Rights.PathRenameSource | Rights.PathRenameTarget |
        Rights.PathFilestatGet | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes | Rights.FdFilestatGet |
        Rights.FdFilestatSetTimes | Rights.PathSymlink | Rights.PathRemoveDirectory | Rights.PathUnlinkFile |
        Rights.PollFdReadwrite;

    /// <summary>Rights that change the file system; a read-only pre-open lacks them.</summary>
    public const Rights Mutating = Rights.FdDatasync | Rights.FdWrite | Rights.FdAllocate |
        Rights.PathCreateDirectory | Rights.PathCreateFile | Rights.PathLinkTarget | Rights.PathRenameSource |
        Rights.PathRenameTarget | Rights.PathFilestatSetSize | Rights.PathFilestatSetTimes |
        Rights.FdFilestatSetSize | Rights.FdFilestatSetTimes | Rights.PathSymlink | Rights.PathRemoveDirectory |
        Rights.PathUnlinkFile;

    /// <summary>Standard input: read and poll.</summary>
    public const Rights Stdin = Rights.FdRead | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite;

    /// <summary>Standard output and error: write and poll.</summary>
    public const Rights Stdout = Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet |
        Rights.PollFdReadwrite | Rights.FdSync | Rights.FdDatasync;
}
