namespace CpanelSessionOps.Functions.Api;

/// <summary>The statuses a function answers with; the OpenAPI description is checked against these.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ApiResponsesAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
