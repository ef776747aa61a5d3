using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Lagebild.Evaluation;

/// <summary>
/// The scorer of ../shared/eval/score.py in C#: unique (supplier, recipient, item, negated) tuples per document,
/// "?" in gold matches anything, persons match by surname, alt_items and undirected gold tuples.
/// </summary>
public static class ClaimScorer
{
    public sealed record Prf(int Tp, int Fp, int Fn)
    {
        public double Precision => Tp + Fp == 0 ? 1 : (double)Tp / (Tp + Fp);
        public double Recall => Tp + Fn == 0 ? 1 : (double)Tp / (Tp + Fn);
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
        public override string ToString() => $"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (tp={Tp} fp={Fp} fn={Fn})";
    }

    public sealed record Result(Prf Supply, Prf Quotes, List<string> Misses, List<string> Extras);

    public static Dictionary<string, JsonElement> LoadLines(IEnumerable<string> lines)
    {
        var docs = new Dictionary<string, JsonElement>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var e = JsonDocument.Parse(line).RootElement.Clone();
            docs[e.GetProperty("doc").ToString()] = e;
        }
        return docs;
    }

    private sealed record Tuple(string Supplier, string Recipient, string Item, bool Negated, string[] AltItems, bool Undirected);

    private static List<Tuple> Tuples(JsonElement doc)
    {
        var seen = new Dictionary<(string, string, string, bool), Tuple>();
        if (!doc.TryGetProperty("supplies", out var supplies)) return new();
        foreach (var c in supplies.EnumerateArray())
        {
            string S(string k) => c.TryGetProperty(k, out var v) ? v.GetString() ?? "?" : "?";
            bool neg = c.TryGetProperty("negated", out var n) && n.ValueKind == JsonValueKind.True;
            var key = (S("supplier"), S("recipient"), c.TryGetProperty("item", out var it) ? it.GetString()! : "other", neg);
            if (seen.ContainsKey(key)) continue;
            var alt = c.TryGetProperty("alt_items", out var a) ? a.EnumerateArray().Select(x => x.GetString()!).ToArray() : Array.Empty<string>();
            bool und = c.TryGetProperty("undirected", out var u) && u.ValueKind == JsonValueKind.True;
            seen[key] = new Tuple(key.Item1, key.Item2, key.Item3, neg, alt, und);
        }
        return seen.Values.ToList();
    }

    public static string Fold(string s)
    {
        var d = s.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder();
        foreach (var ch in d)
            if (ch < 128 && CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(ch));
        return string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Surname(string name)
    {
        var f = Fold(name);
        if (f.StartsWith("person:")) f = f[7..];
        return f.Length == 0 ? "" : f.Split(' ')[^1];
    }

    private static bool SameActor(string gold, string sys)
    {
        if (gold == "?") return true;
        var g = Fold(gold); var s = Fold(sys);
        if (g.StartsWith("person:") && s.StartsWith("person:")) return Surname(g) == Surname(s);
        return g == s;
    }

    private static bool Matches(Tuple g, Tuple s)
    {
        if (!(s.Item == g.Item || g.AltItems.Contains(s.Item)) || g.Negated != s.Negated) return false;
        if (SameActor(g.Supplier, s.Supplier) && SameActor(g.Recipient, s.Recipient)) return true;
        return g.Undirected && SameActor(g.Supplier, s.Recipient) && SameActor(g.Recipient, s.Supplier);
    }

    public static Result Score(Dictionary<string, JsonElement> gold, Dictionary<string, JsonElement> system)
    {
        int tp = 0, fp = 0, fn = 0, qtp = 0, qfp = 0, qfn = 0;
        var misses = new List<string>(); var extras = new List<string>();
        foreach (var (id, g) in gold)
        {
            var gts = Tuples(g);
            var sts = system.TryGetValue(id, out var s) ? Tuples(s) : new();
            var used = new HashSet<int>();
            foreach (var gt in gts)
            {
                int hit = -1;
                for (int i = 0; i < sts.Count; i++) if (!used.Contains(i) && Matches(gt, sts[i])) { hit = i; break; }
                if (hit < 0) { fn++; misses.Add($"{id}: {gt.Supplier} -> {gt.Recipient} {gt.Item}{(gt.Negated ? " negated" : "")}"); continue; }
                used.Add(hit); tp++;
            }
            for (int i = 0; i < sts.Count; i++)
                if (!used.Contains(i)) { fp++; extras.Add($"{id}: {sts[i].Supplier} -> {sts[i].Recipient} {sts[i].Item}{(sts[i].Negated ? " negated" : "")}"); }
            var gq = g.TryGetProperty("quotes", out var gqa) ? gqa.EnumerateArray().ToList() : new();
            var sq = s.ValueKind == JsonValueKind.Object && s.TryGetProperty("quotes", out var sqa) ? sqa.EnumerateArray().ToList() : new();
            var taken = new HashSet<int>();
            foreach (var q in gq)
            {
                var want = Fold(q.TryGetProperty("starts", out var st) ? st.GetString()! : "");
                var prefix = want[..Math.Max(0, Math.Min(want.Length, Math.Max(8, want.Length - 2)))];
                var speaker = q.TryGetProperty("speaker", out var sp) ? sp.GetString()! : "?";
                int hit = -1;
                for (int i = 0; i < sq.Count; i++)
                {
                    if (taken.Contains(i)) continue;
                    var text = Fold(sq[i].TryGetProperty("text", out var t) ? t.GetString()! : "");
                    var sysSpeaker = sq[i].TryGetProperty("speaker", out var ss) ? ss.GetString()! : "";
                    if (text.StartsWith(prefix) && (speaker == "?" || Surname(sysSpeaker) == Surname(speaker))) { hit = i; break; }
                }
                if (hit < 0) { qfn++; misses.Add($"{id}: QUOTE {speaker}: {want}"); } else { taken.Add(hit); qtp++; }
            }
            qfp += sq.Count - taken.Count;
        }
        return new Result(new Prf(tp, fp, fn), new Prf(qtp, qfp, qfn), misses, extras);
    }
}
