namespace InProcValkey.Commands;

/// <summary>
/// A reply writer that can send an error whose text is Latin-1 (one char per byte) byte for byte. Valkey echoes client
/// bytes into some errors verbatim (<c>%s</c> of an argument, e.g. the unknown-command error), bytes that are not UTF-8
/// included; the listener's RESP writer implements this so those errors reach the wire exactly. In-process replies hold
/// .NET strings and keep the UTF-8 reading.
/// </summary>
internal interface ILatin1ErrorWriter
{
    /// <summary>Writes an error reply whose chars are the bytes to send (CR and LF become spaces).</summary>
    void ErrorLatin1(string message);
}
