using System.Diagnostics;
using System.Text;

namespace Lagebild.Tests.Cli;

/// <summary>Runs the built <c>lagebild</c> CLI (Lagebild.Cli.dll, copied next to the test assembly) as a child process.</summary>
internal static class CliProcess
{
    public static string CliDll
    {
        get
        {
            var next = Path.Combine(AppContext.BaseDirectory, "Lagebild.Cli.dll");
            if (File.Exists(next)) return next;
            var loaded = typeof(Lagebild.Cli.Commands.IngestCommand).Assembly.Location;
            if (File.Exists(loaded)) return loaded;
            throw new FileNotFoundException("Lagebild.Cli.dll not found next to the test assembly; build the solution first");
        }
    }

    public static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(CliDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment.Remove("LAGEBILD_DB");
        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>Runs to the end (at most two minutes) and returns exit code, stdout and stderr.</summary>
    public static (int Exit, string Out, string Err) Run(string workingDirectory, params string[] args)
    {
        using var p = Start(workingDirectory, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"lagebild {string.Join(' ', args)} did not finish");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
