namespace Portal.E2E.Pages;

/// <summary>The static-SSR sign-in form.</summary>
public sealed class LoginPage(IPage page)
{
    public async Task SignInAsync(string baseUrl, string email, string password = "PowerDemo2026")
    {
        await page.GotoAsync(baseUrl + "/Account/Login");
        await page.GetByLabel(Text.For(page, "Email", "电子邮箱"), new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(Text.For(page, "Password", "密码"), new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = Text.For(page, "Sign in", "登录"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(u => !u.Contains("/Account/Login"));
    }
}

/// <summary>The interactive shell (MudBlazor layout).</summary>
public sealed class ShellPage(IPage page)
{
    /// <summary>Interactive Server pages ignore clicks until the circuit is up; the layout says when it is.</summary>
    public Task WaitForInteractiveAsync() =>
        page.Locator("[data-interactive='true']").WaitForAsync(new() { Timeout = 30_000 });

    public ILocator Heading(string text) => page.GetByRole(AriaRole.Heading, new() { Name = text });

    public async Task SwitchLanguageAsync()
    {
        await page.GetByTestId("culture-switch").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

public static class Text
{
    /// <summary>Picks the English or Chinese text by the page's browser locale.</summary>
    public static string For(IPage page, string en, string zh) =>
        page.Context.Browser is not null && Locale.TryGetValue(page.Context, out var l) && l.StartsWith("zh") ? zh : en;

    public static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, string> Locale = new();
}
