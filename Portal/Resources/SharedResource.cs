namespace Portal.Resources;

/// <summary>Marker for the shared UI strings (SharedResource.resx = en-US, SharedResource.zh-CN.resx).</summary>
public sealed class SharedResource;
