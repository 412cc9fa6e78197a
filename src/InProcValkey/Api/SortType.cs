namespace InProcValkey;

/// <summary>How SORT compares elements: as numbers (the default) or as strings (ALPHA).</summary>
public enum SortType
{
    /// <summary>Elements (or BY values) are read as double-precision numbers; ties compare as strings.</summary>
    Numeric,

    /// <summary>ALPHA: elements (or BY values) compare as strings.</summary>
    Alphabetic,
}
