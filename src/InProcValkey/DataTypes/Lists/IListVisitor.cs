namespace InProcValkey.DataTypes.Lists;

/// <summary>Receives list elements in order during an iteration; returns false to stop.</summary>
internal interface IListVisitor
{
    /// <summary>One element (an integer or bytes aliasing the list's storage: copy what must outlive the call).</summary>
    bool Visit(in ListpackEntry element);
}
