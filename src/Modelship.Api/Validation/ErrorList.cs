namespace Modelship.Api.Validation;

/// <summary>Collects validation errors; every message starts with the field path it is about.</summary>
internal sealed class ErrorList
{
    private readonly List<ValidationError> _items = [];

    public IReadOnlyList<ValidationError> Items => _items;

    public void Add(string field, string problem) => _items.Add(new ValidationError(field, $"{field}: {problem}"));
}
