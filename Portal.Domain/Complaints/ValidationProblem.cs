using Portal.Domain.Common;

namespace Portal.Domain.Complaints;

/// <summary>
/// One broken rule found by a validator. Validators return all problems at once so a form can show them
/// together; <see cref="Code"/> is the same stable key a <see cref="DomainException"/> would carry.
/// </summary>
public sealed record ValidationProblem(string Code, string Message, string? Subject = null);

public static class ValidationProblemExtensions
{
    /// <summary>Entity methods call this: the first problem's code is thrown, every message is kept.</summary>
    public static void ThrowIfAny(this IReadOnlyList<ValidationProblem> problems)
    {
        if (problems.Count == 0) return;
        throw new DomainException(problems[0].Code, string.Join(" ", problems.Select(p => p.Message)));
    }
}
