namespace Modelship.Serving.Monitoring.Drift;

/// <summary>One value of a request or answer, binned: the reference column, its bin, and whether it lies outside the reference range.</summary>
public readonly record struct BinnedValue(int Column, int Bin, bool OutOfRange);
