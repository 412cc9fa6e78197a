using System.IO.Pipelines;

namespace InProcValkey.Testing;

/// <summary>
/// The client's end of an in-memory connection: reads what the server wrote, writes what the server reads. Disposing it
/// completes both pipes, which the server sees as the client going away.
/// </summary>
internal sealed class InMemoryDuplexStream : Stream
{
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Stream _read;
    private readonly Stream _write;

    public InMemoryDuplexStream(PipeReader input, PipeWriter output)
    {
        _input = input;
        _output = output;
        _read = input.AsStream(leaveOpen: true);
        _write = output.AsStream(leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => _read.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _read.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _read.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => _write.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _write.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _write.WriteAsync(buffer, cancellationToken);

    public override void Flush() => _write.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _input.Complete();
            _output.Complete();
        }
        base.Dispose(disposing);
    }
}
