namespace WasmSharp.Wasi;

/// <summary>WASI preview1 <c>rights</c> (u64 flags): what a descriptor may be used for.</summary>
[Flags]
public enum Rights : ulong
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>witx <c>fd_datasync</c>.</summary>
    FdDatasync = 1UL << 0,
    /// <summary>witx <c>fd_read</c>.</summary>
    FdRead = 1UL << 1,
    /// <summary>witx <c>fd_seek</c>.</summary>
    FdSeek = 1UL << 2,
    /// <summary>witx <c>fd_fdstat_set_flags</c>.</summary>
    FdFdstatSetFlags = 1UL << 3,
    /// <summary>witx <c>fd_sync</c>.</summary>
    FdSync = 1UL << 4,
    /// <summary>witx <c>fd_tell</c>.</summary>
    FdTell = 1UL << 5,
    /// <summary>witx <c>fd_write</c>.</summary>
    FdWrite = 1UL << 6,
    /// <summary>witx <c>fd_advise</c>.</summary>
    FdAdvise = 1UL << 7,
    /// <summary>witx <c>fd_allocate</c>.</summary>
    FdAllocate = 1UL << 8,
    /// <summary>witx <c>path_create_directory</c>.</summary>
    PathCreateDirectory = 1UL << 9,
    /// <summary>witx <c>path_create_file</c>.</summary>
    PathCreateFile = 1UL << 10,
    /// <summary>witx <c>path_link_source</c>.</summary>
    PathLinkSource = 1UL << 11,
    /// <summary>witx <c>path_link_target</c>.</summary>
    PathLinkTarget = 1UL << 12,
    /// <summary>witx <c>path_open</c>.</summary>
    PathOpen = 1UL << 13,
    /// <summary>witx <c>fd_readdir</c>.</summary>
    FdReaddir = 1UL << 14,
    /// <summary>witx <c>path_readlink</c>.</summary>
    PathReadlink = 1UL << 15,
    /// <summary>witx <c>path_rename_source</c>.</summary>
    PathRenameSource = 1UL << 16,
    /// <summary>witx <c>path_rename_target</c>.</summary>
    PathRenameTarget = 1UL << 17,
    /// <summary>witx <c>path_filestat_get</c>.</summary>
    PathFilestatGet = 1UL << 18,
    /// <summary>witx <c>path_filestat_set_size</c>.</summary>
    PathFilestatSetSize = 1UL << 19,
    /// <summary>witx <c>path_filestat_set_times</c>.</summary>
    PathFilestatSetTimes = 1UL << 20,
    /// <summary>witx <c>fd_filestat_get</c>.</summary>
    FdFilestatGet = 1UL << 21,
    /// <summary>witx <c>fd_filestat_set_size</c>.</summary>
    FdFilestatSetSize = 1UL << 22,
    /// <summary>witx <c>fd_filestat_set_times</c>.</summary>
    FdFilestatSetTimes = 1UL << 23,
    /// <summary>witx <c>path_symlink</c>.</summary>
    PathSymlink = 1UL << 24,
    /// <summary>witx <c>path_remove_directory</c>.</summary>
    PathRemoveDirectory = 1UL << 25,
    /// <summary>witx <c>path_unlink_file</c>.</summary>
    PathUnlinkFile = 1UL << 26,
    /// <summary>witx <c>poll_fd_readwrite</c>.</summary>
    PollFdReadwrite = 1UL << 27,
    /// <summary>witx <c>sock_shutdown</c>.</summary>
    SockShutdown = 1UL << 28,
    /// <summary>witx <c>sock_accept</c>.</summary>
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
