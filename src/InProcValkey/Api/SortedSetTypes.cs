using System.Text;

namespace InProcValkey;

/// <summary>A sorted-set member with its score (the pairs WITHSCORES replies carry).</summary>
/// <param name="Element">The member's bytes.</param>
/// <param name="Score">The member's score.</param>
public readonly record struct SortedSetEntry(byte[] Element, double Score)
{
    /// <summary>The member as UTF-8 text.</summary>
    public string ElementText => Encoding.UTF8.GetString(Element);
}

/// <summary>ZADD's conditions (combinable as Valkey allows: XX with GT or LT).</summary>
[Flags]
public enum SortedSetWhen
{
    /// <summary>Add or update.</summary>
    Always = 0,
    /// <summary>Only update existing members (XX).</summary>
    Exists = 1,
    /// <summary>Only update when the new score is greater (GT); new members are still added.</summary>
    GreaterThan = 2,
    /// <summary>Only update when the new score is less (LT); new members are still added.</summary>
    LessThan = 4,
    /// <summary>Only add new members (NX).</summary>
    NotExists = 8,
}

/// <summary>Ascending (lowest score first) or descending order.</summary>
public enum Order
{
    /// <summary>Lowest score first.</summary>
    Ascending,
    /// <summary>Highest score first (REV).</summary>
    Descending,
}

/// <summary>Which ends of a score or lex range are exclusive (<c>(</c>).</summary>
[Flags]
public enum Exclude
{
    /// <summary>Both ends inclusive.</summary>
    None = 0,
    /// <summary>The start (min) is exclusive.</summary>
    Start = 1,
    /// <summary>The stop (max) is exclusive.</summary>
    Stop = 2,
    /// <summary>Both ends exclusive.</summary>
    Both = Start | Stop,
}

/// <summary>How ZUNION / ZINTER combine the scores of a member present in several sets.</summary>
public enum Aggregate
{
    /// <summary>Sum of the weighted scores.</summary>
    Sum,
    /// <summary>The smallest weighted score.</summary>
    Min,
    /// <summary>The largest weighted score.</summary>
    Max,
}

/// <summary>Union, intersection or difference of sorted sets.</summary>
public enum SetOperation
{
    /// <summary>ZUNION.</summary>
    Union,
    /// <summary>ZINTER.</summary>
    Intersect,
    /// <summary>ZDIFF.</summary>
    Difference,
}
