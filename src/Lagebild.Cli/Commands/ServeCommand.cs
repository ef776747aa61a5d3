using System.CommandLine;
using Lagebild.Web;
using Microsoft.Extensions.Hosting;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild serve [--db PATH] [--urls URL] [--token SECRET]</c>: the web app (the network and its evidence in the
/// browser) on http://127.0.0.1:5077. Any address other than loopback is refused unless --token is given; then
/// every /api call needs <c>Authorization: Bearer SECRET</c>.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var db = CommandSupport.DbOption();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen (default {WebOptions.DefaultUrl}; other than loopback only with --token)",
            HelpName = "URL",
            DefaultValueFactory = _ => WebOptions.DefaultUrl,
        };
        var token = new Option<string?>("--token")
        {
            Description = "Require 'Authorization: Bearer SECRET' on every API call (needed to listen beyond loopback)",
            HelpName = "SECRET",
        };
        var command = new Command("serve", "Serve the web app: the support network and its evidence in the browser") { db, urls, token };
        command.SetAction(parse => Run(parse.GetValue(db)!, parse.GetValue(urls)!, parse.GetValue(token), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string dbPath, string urls, string? token, TextWriter stdout, TextWriter stderr)
    {
        var problem = LagebildWeb.CheckBind(urls, token);
        if (problem != null)
        {
            stderr.WriteLine($"error: {problem}");
            return 2;
        }
        using var store = CommandSupport.Open(dbPath, create: false, stderr);
        if (store == null) return 2;
        var app = LagebildWeb.Build(store, new WebOptions { Urls = urls, Token = token, ConsoleLogging = true });
        try
        {
            app.Start();
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: cannot listen on {urls}: {e.Message}");
            return 2;
        }
        foreach (var address in LagebildWeb.Addresses(app))
            stdout.WriteLine($"Lagebild: serving {store.Path} at {address}{(token != null ? " (API needs the bearer token)" : "")}; Ctrl+C stops.");
        app.WaitForShutdown();
        ((IDisposable)app).Dispose();
        return 0;
    }
}
