using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Portal.Domain.Complaints;

namespace Portal.Features.Complaints.Customer;

public partial class NewComplaintPage
{
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [Inject] private CustomerComplaintService Complaints { get; set; } = default!;
    [Inject] private RatingService Ratings { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Prefill from a poorly rated activity (the rating's complaint offer).</summary>
    [SupplyParameterFromQuery(Name = "activity")] public Guid? ActivityId { get; set; }

    private ComplaintFormOptions? options;
    private ComplaintCategory category = ComplaintCategory.Other;
    private Guid accountId;
    private string? related;
    private string? description;
    private ContactPreference contact = ContactPreference.Phone;
    private readonly List<AttachmentUpload> files = [];
    private IReadOnlyList<ComplaintError> errors = [];
    private bool submitting;

    // One key per form instance: a double click or a resent request creates one complaint.
    private readonly string idempotencyKey = Guid.NewGuid().ToString("N");

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        options = await Complaints.FormOptionsAsync(user);
        accountId = options.Accounts.FirstOrDefault()?.Id ?? Guid.Empty;
        if (ActivityId is { } activity && await Ratings.ComplaintDraftAsync(user, activity) is { } draft)
        {
            category = draft.Category;
            accountId = draft.AccountId;
            related = "a:" + draft.RelatedActivityId;
            var opening = L[draft.DescriptionTemplateKey];
            description = opening.ResourceNotFound ? draft.SuggestedText : $"{opening.Value} {draft.SuggestedText}".Trim();
        }
    }

    private void OnAccount(Guid id)
    {
        accountId = id;
        related = null;
    }

    private async Task OnFiles(IReadOnlyList<IBrowserFile>? picked)
    {
        foreach (var f in picked ?? [])
        {
            if (files.Count >= AttachmentPolicy.MaxPerComplaint)
            {
                Snackbar.Add(L["Attachment.TooMany"], Severity.Warning);
                break;
            }
            // Oversized files are not read whole: the first bytes are enough for the service to name the problem.
            var take = f.Size > AttachmentPolicy.MaxSizeBytes ? AttachmentSniffer.HeaderLength : f.Size;
            await using var stream = f.OpenReadStream(maxAllowedSize: Math.Max(f.Size, 1));
            var buffer = new byte[take];
            var read = 0;
            while (read < take)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read));
                if (n == 0) break;
                read += n;
            }
            files.Add(new AttachmentUpload(f.Name, f.ContentType, f.Size, buffer[..read]));
        }
    }

    private void RemoveFile(AttachmentUpload f) => files.Remove(f);

    private async Task Submit()
    {
        if (submitting) return;
        submitting = true;
        try
        {
            Guid? activity = related?.StartsWith("a:") == true ? Guid.Parse(related[2..]) : null;
            Guid? bill = related?.StartsWith("b:") == true ? Guid.Parse(related[2..]) : null;
            var form = new ComplaintForm(accountId, category, description ?? "", contact, idempotencyKey, activity, bill);
            var result = await Complaints.SubmitAsync((await Auth).User, form, files);
            if (!result.Ok)
            {
                errors = result.Errors;
                return;
            }
            Snackbar.Add(L["Complaints.Submitted", result.TrackingNumber!], Severity.Success);
            Nav.NavigateTo($"/complaints/{result.ComplaintId}");
        }
        finally
        {
            submitting = false;
        }
    }
}
