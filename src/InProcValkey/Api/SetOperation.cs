namespace InProcValkey;

/// <summary>The set algebra of <see cref="ValkeyDatabase.SetCombine(SetOperation, string[])"/> and friends.</summary>
public enum SetOperation
{
    /// <summary>SUNION / SUNIONSTORE: members of any set.</summary>
    Union,

    /// <summary>SINTER / SINTERSTORE: members of every set.</summary>
    Intersect,

    /// <summary>SDIFF / SDIFFSTORE: members of the first set that no other set has.</summary>
    Difference,
}
