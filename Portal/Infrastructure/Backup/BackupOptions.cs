namespace Portal.Infrastructure.Backup;

/// <summary>Backups of the embedded SQLite database and the files that belong to it (issue 23 item 4).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Folder that holds one sub-folder per backup; relative to the content root unless absolute.
    /// Put it on another disk than the data folder in production.</summary>
    public string Folder { get; set; } = "backups";

    /// <summary>How many complete backups the nightly job keeps (the newest ones); older ones are deleted after a
    /// new backup has been written and verified.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>Whether the nightly job backs up the SQLite database (02:30 China time). Server databases are backed
    /// up with their own tools (docs/OPERATIONS.md), so the job does nothing for them.</summary>
    public bool Nightly { get; set; } = true;
}
