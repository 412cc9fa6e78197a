using System.Runtime.InteropServices;

namespace InProcValkey.Server.Transport;

/// <summary>The Linux system calls of <see cref="EpollLoop"/>: epoll and non-blocking recv/send on a socket descriptor.</summary>
internal static class EpollInterop
{
    public const int EpollCtlAdd = 1;
    public const int EpollCtlDel = 2;
    public const int EpollCtlMod = 3;
    public const uint EpollIn = 0x001;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const int EpollCloexec = 0x80000;
    public const int EfdCloexec = 0x80000;
    public const int EfdNonblock = 0x800;
    public const int MsgNoSignal = 0x4000;
    public const int EAgain = 11;
    public const int EIntr = 4;

    /// <summary>Linux's <c>struct epoll_event</c>, packed on x86-64 (12 bytes): the loop only runs there.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    public struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }

    /// <summary>Whether this process can use the loop: Linux on x86-64 (where the struct layout above holds).</summary>
    public static bool Supported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

#pragma warning disable SYSLIB1054 // DllImport with blittable arguments: no marshalling code is generated either way, and no unsafe code is needed.
    [DllImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static extern int EpollCreate1(int flags);

    [DllImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static extern int EpollCtl(int epfd, int op, int fd, ref EpollEvent ev);

    [DllImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static extern int EpollWait(int epfd, [Out] EpollEvent[] events, int maxEvents, int timeout);

    [DllImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static extern nint Recv(int fd, ref byte buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "send", SetLastError = true)]
    public static extern nint Send(int fd, in byte buffer, nint length, int flags);

    [DllImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static extern int EventFd(uint initial, int flags);

    [DllImport("libc", EntryPoint = "write", SetLastError = true)]
    public static extern nint Write(int fd, in ulong value, nint length);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
#pragma warning restore SYSLIB1054
}
