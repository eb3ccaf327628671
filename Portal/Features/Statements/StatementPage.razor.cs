using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Portal.Infrastructure.Security;

namespace Portal.Features.Statements;

public partial class StatementPage
{
    private enum LoadState { Loading, Loaded, NotFound }

    [Parameter] public Guid Id { get; set; }
    [Inject] private StatementService Statements { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [CascadingParameter] private EndpointKind Endpoint { get; set; }

    private LoadState state = LoadState.Loading;
    private StatementDetail? detail;

    protected override async Task OnParametersSetAsync()
    {
        state = LoadState.Loading;
        // Another customer's statement and a missing one look the same: not found.
        detail = await Statements.GetAsync((await Auth).User, Id, Endpoint);
        state = detail is null ? LoadState.NotFound : LoadState.Loaded;
    }
}
