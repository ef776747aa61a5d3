using System.Globalization;
using Lagebild.Nlp;

namespace Lagebild.Text;

/// <summary>
/// Rule-based tokenizer for German and English news: one pass over the text, no regular expressions.
/// Conventions follow Universal Dependencies where they help later steps: clitics are split off ("China|'s",
/// "do|n't", "gibt|'s"); a period stays on abbreviations, initials and German ordinals ("am 1. Oktober").
/// Unlike UD, hyphenated compounds stay whole ("US-Diplomat", "Raketen-") because the lexicons match them whole.
/// The language is that of the <see cref="Abbreviations"/> the tokenizer was built with.
/// </summary>
public sealed class Tokenizer : IPipe
{
    private readonly Abbreviations _abbr;

    public Tokenizer(Abbreviations abbreviations) { _abbr = abbreviations; }

    public string Name => "tokenizer";

    public void Process(Document doc)
    {
        doc.Tokens.Clear();
        new Scanner(_abbr, doc).Run();
    }

    // Single-character ASCII strings, shared so punctuation does not allocate.
    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private sealed class Scanner(Abbreviations abbr, Document doc)
    {
        private readonly string _t = doc.Text;
        private readonly int _n = doc.Text.Length;
        private readonly List<Token> _tokens = doc.Tokens;
        private readonly bool _en = abbr.Lang == "en";
        private int _doubleOpen, _singleOpen; // quotes open in this paragraph; decide what an unclear quote does
        private bool _lastWasFirstPart;       // the previous token was "z." of "z. B."
        private int _lastNewline = -1;

        public void Run()
        {
            int i = 0;
            while (i < _n)
            {
                char c = _t[i];
                if (IsSpace(c))
                {
                    if (c is '\n' or '\r') { _lastNewline = i; _doubleOpen = _singleOpen = 0; }
                    i++;
                }
                else if (char.IsLetterOrDigit(c) || (char.IsHighSurrogate(c) && char.IsLetter(_t, i)))
                    i = IsUrlStart(i) ? ScanUrl(i) : ScanWord(i);
                else
                {
                    _lastWasFirstPart = false;
                    i = IsQuote(c) ? ScanQuote(i, c) : ScanOther(i, c);
                }
            }
        }

        // ---- words ------------------------------------------------------------------------------------------

        private int ScanWord(int start)
        {
            int j = start, segStart = start, dots = 0, cliticStart = -1, cliticEnd = -1;
            bool hasLetter = false, onlyDigits = true, initialsChain = true, email = false;
            while (true)
            {
                int len;
                while (j < _n && (len = WordCharLength(j)) > 0)
                {
                    if (!char.IsDigit(_t[j]))
                    {
                        // "1.4bn", "155mm": a number glued to a unit is two tokens ("1990er", "5G", "21st" stay).
                        if (onlyDigits && j > start && char.IsLetter(_t[j]) && IsUnitAfterNumber(start, j)) goto done;
                        onlyDigits = false;
                        hasLetter |= char.IsLetter(_t, j);
                    }
                    j += len;
                }
                if (j >= _n) break;
                char c = _t[j], prev = _t[j - 1], next = j + 1 < _n ? _t[j + 1] : '\0';
                if (IsHyphen(c))
                {
                    if (char.IsLetterOrDigit(next)) { j++; continue; }
                    // A truncated compound keeps its hyphen: "Raketen- und", "U-Boot-,".
                    if (hasLetter && (next == '\0' || IsSpace(next) || next is ',' or '/' or ')' or ';')) j++;
                    break;
                }
                if (c == '.')
                {
                    if (char.IsDigit(prev) && char.IsDigit(next)) { j++; continue; } // 3.000, 24.02.2022, 14.30
                    bool single = j - segStart == 1;
                    // "U.S", "z.B" (one-letter parts); "bild.de", "a.b@c.de" (domains, addresses); not "Bauart.Kiew".
                    if (!(char.IsLetter(next) && char.IsLetter(prev)
                          && (single || email || char.IsLower(next) || IsEmailAhead(j)))) break;
                    initialsChain &= single;
                    j++; segStart = j; dots++;
                    continue;
                }
                if (IsApostrophe(c))
                {
                    if (char.IsDigit(prev) && char.IsDigit(next)) { j++; continue; } // 2'000
                    if (char.IsLetter(prev) && char.IsLetter(next))
                    {
                        int cl = CliticLength(j);
                        if (cl > 0) { cliticStart = j; cliticEnd = j + cl; break; } // China|'s, I|'m
                        if (_en && prev is 'n' or 'N' && next is 't' or 'T' && !IsLetterAt(j + 2) && j - 1 > start)
                        {
                            cliticStart = j - 1; cliticEnd = j + 2; // do|n't, ca|n't
                            break;
                        }
                        j++; continue; // O'Brien, Ku'damm
                    }
                    // German possessive on s/x/z: "Thutmosis' Grab" (unless a single quote is open).
                    if (!_en && prev is 's' or 'x' or 'z' or 'ß' && _singleOpen == 0 && !char.IsLetterOrDigit(next) && !IsQuote(next)) j++;
                    break;
                }
                if ((c == '&' && char.IsLetter(prev) && char.IsLetter(next))                   // AT&T
                    || (c == '_' && char.IsLetterOrDigit(next))                                 // file_name
                    || (c is '/' or ':' or ',' && char.IsDigit(prev) && char.IsDigit(next)))    // 9/11, 8:00, 1,5
                { j++; continue; }
                if (c == '@' && !email && hasLetter && char.IsLetterOrDigit(next)) { email = true; j++; segStart = j; continue; }
                break;
            }
            done:
            if (cliticStart > start)
            {
                Emit(start, cliticStart, KindOf(start, cliticStart));
                _lastWasFirstPart = false;
                return Emit(cliticStart, cliticEnd, TokenKind.Word);
            }
            if (_en && j - start == 6 && string.Compare(_t, start, "cannot", 0, 6, StringComparison.OrdinalIgnoreCase) == 0)
            {
                Emit(start, start + 3, TokenKind.Word); // "cannot" is "can not" in UD English
                return Emit(start + 3, j, TokenKind.Word);
            }
            int end = j;
            bool firstPart = false;
            if (j < _n && _t[j] == '.' && !email)
            {
                var w = _t.AsSpan(start, j - start);
                bool attach;
                if (onlyDigits) attach = IsOrdinal(start, j);
                else if (!char.IsLetter(_t[j - 1])) attach = false;
                else if (IsAbbreviation(w, j)) attach = true;
                else if (dots > 0 && initialsChain && j - segStart <= 2) attach = true; // U.S., z.B., e.g.
                else if (w.Length == 1) { attach = true; firstPart = NextIsAbbreviationPart(j + 1); } // initials, "d. h."
                else if (_lastWasFirstPart && abbr.IsLastPart(w)) attach = true;
                else if (abbr.IsFirstPart(w) && NextIsAbbreviationPart(j + 1)) attach = firstPart = true;
                else attach = !_en && IsRomanOrdinal(w);
                if (attach) end++;
            }
            Emit(start, end, KindOf(start, end));
            _lastWasFirstPart = firstPart;
            return end;
        }

        /// <summary>A listed abbreviation, also as the last part of a compound ("Hafen-Str.").</summary>
        private bool IsAbbreviation(ReadOnlySpan<char> w, int period)
        {
            int h = w.LastIndexOfAny('-', '\u2011');
            var last = h >= 0 && h < w.Length - 1 ? w[(h + 1)..] : w;
            if (!abbr.IsStandalone(last)) return false;
            if (!(_en && last is "No" or "no" or "Nos")) return true;
            // English "No." is "number" only before a digit ("No. 5"); else it is the word "no".
            int k = period + 1;
            while (k < _n && _t[k] == ' ') k++;
            return k < _n && char.IsDigit(_t[k]);
        }

        private bool IsUnitAfterNumber(int start, int letter)
        {
            int k = letter;
            while (k < _n && char.IsLetter(_t[k])) k++;
            if (k < _n && (char.IsDigit(_t[k]) || IsHyphen(_t[k]))) return false;
            // A listed unit, or any letters after a number with separators ("398,487MMBTU").
            return abbr.IsUnit(_t.AsSpan(letter, k - letter)) || _t.AsSpan(start, letter - start).IndexOfAny(',', '.') >= 0;
        }

        /// <summary>"Max.Muster@example.com": an '@' ahead before the address ends.</summary>
        private bool IsEmailAhead(int j)
        {
            for (int k = j + 1; k < _n && k < j + 64; k++)
            {
                char ch = _t[k];
                if (ch == '@') return true;
                if (!(char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_')) return false;
            }
            return false;
        }

        /// <summary>Length of a clitic at an apostrophe followed by a non-letter: "'s" (both languages), "'ll", "'re", "'m".</summary>
        private int CliticLength(int j)
        {
            int k = j + 1;
            while (k < _n && k - j <= 3 && char.IsLetter(_t[k])) k++;
            if (IsLetterAt(k) || (k < _n && IsHyphen(_t[k]))) return 0; // "Addenbrooke's-Klinik" stays whole
            var s = _t.AsSpan(j + 1, k - j - 1);
            if (s is "s" or "S") return 2;
            if (!_en) return 0;
            if (s is "m" or "M" or "d" or "D") return 2;
            return s is "re" or "ve" or "ll" or "RE" or "VE" or "LL" ? 3 : 0;
        }

        /// <summary>After "z." in "z. B.": is the next word another part of an abbreviation sequence?</summary>
        private bool NextIsAbbreviationPart(int k)
        {
            for (int spaces = 0; k < _n && _t[k] == ' ' && spaces < 2; spaces++) k++;
            int s = k;
            while (k < _n && char.IsLetter(_t[k])) k++;
            if (k == s || k >= _n || _t[k] != '.') return false;
            var w = _t.AsSpan(s, k - s);
            return w.Length == 1 || abbr.IsLastPart(w) || abbr.IsFirstPart(w);
        }

        /// <summary>
        /// Does the period after a bare number belong to it? Yes before a month ("13. Sep"), for list numbers at
        /// a line start, and for German ordinals ("dem 5. Jahrhundert", "der 2. und 3. Tag", "5. vorchristliche").
        /// </summary>
        private bool IsOrdinal(int start, int end)
        {
            if (end - start > 3) return false;
            int k = end + 1;
            while (k < _n && _t[k] is ' ' or '\u00A0' or '\t') k++;
            if (k >= _n || _t[k] is '\n' or '\r') return false;
            int s = k;
            while (k < _n && char.IsLetter(_t[k])) k++;
            var next = _t.AsSpan(s, k - s);
            var prev = _tokens.Count > 0 ? _tokens[^1] : null;
            if (next.Length > 0 && abbr.IsMonth(next)) return true;
            if (prev == null || _lastNewline > prev.Start || (!_en && prev.Text is "." or "!" or "?" or "…"))
                return !_en || next.Length == 0 || !char.IsLower(next[0]); // "2. Die Regierung ..."
            if (_en || next.Length == 0) return false;
            if (char.IsLower(next[0])) return true;
            if (abbr.IsSentenceStarter(next)) return false; // "stieg auf 40. Die ..."
            var p = prev.Text.AsSpan();
            if (abbr.IsOrdinalCue(p) || p is ",") return true;
            if (p is "und" or "oder" or "bis" or "-" or "–" && _tokens.Count > 1
                && _tokens[^2] is { Kind: TokenKind.Number } o && o.Text.EndsWith('.')) return true;
            // After an inflected adjective: "im späten 15. Jahrhundert".
            return p.Length >= 4 && char.IsLower(p[0]) && p[^1] is 'e' or 'n' or 'm' or 'r' or 's'
                   && p[^2] is 'e' or 'n' or 'r' or 'm' or 't';
        }

        /// <summary>"Karl IV.", "Paul VI.": a Roman numeral after a capitalised name.</summary>
        private bool IsRomanOrdinal(ReadOnlySpan<char> w)
        {
            if (w.Length > 5) return false;
            foreach (var ch in w) if (ch is not ('I' or 'V' or 'X' or 'L' or 'C')) return false;
            return _tokens.Count > 0 && _tokens[^1] is { Kind: TokenKind.Word, IsCapitalized: true };
        }

        private TokenKind KindOf(int s, int e)
        {
            if (!char.IsDigit(_t[s])) return TokenKind.Word;
            for (int k = s; k < e; k++) if (char.IsLetter(_t[k])) return TokenKind.Word;
            return TokenKind.Number;
        }

        // ---- URLs, tags, punctuation, symbols ---------------------------------------------------------------

        private bool IsUrlStart(int i) => StartsWith(i, "http://") || StartsWith(i, "https://") || StartsWith(i, "www.")
                                          || StartsWith(i, "ftp://") || StartsWith(i, "mailto:");

        private bool StartsWith(int i, string s) =>
            i + s.Length <= _n && string.Compare(_t, i, s, 0, s.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private int ScanUrl(int start)
        {
            int j = start;
            while (j < _n && !IsSpace(_t[j]) && _t[j] is not ('"' or '<' or '>' or '„' or '“' or '”' or '«' or '»')) j++;
            // Trailing punctuation belongs to the sentence; a ")" only to a URL that opened one.
            while (j > start + 4 && (_t[j - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or ']' or '’'
                   || (_t[j - 1] == ')' && _t.AsSpan(start, j - start).IndexOf('(') < 0))) j--;
            _lastWasFirstPart = false;
            return Emit(start, j, TokenKind.Word);
        }

        /// <summary>End of an HTML tag remnant ("&lt;span class=...&gt;", "&lt;/p&gt;", "&lt;br/&gt;"), or -1.</summary>
        private int TagEnd(int i)
        {
            int k = i + 1;
            if (k < _n && _t[k] is '/' or '!') k++;
            if (k >= _n || !char.IsAsciiLetter(_t[k]) && _t[k] != '-') return -1;
            while (k < _n && (char.IsAsciiLetterOrDigit(_t[k]) || _t[k] == '-')) k++;
            // The tag name ends at a space, '>' or "/>"; "<mailto:x>" and "<a@b.c>" are no tags.
            if (k >= _n || !(_t[k] is ' ' or '>' or '/' or '\t')) return -1;
            for (int limit = Math.Min(_n, i + 500); k < limit; k++)
            {
                if (_t[k] == '>') return k + 1;
                if (_t[k] is '<' or '\n') return -1;
            }
            return -1;
        }

        private int ScanOther(int i, char c)
        {
            int j = i + 1;
            switch (c)
            {
                case '.' or '!' or '?' or '…': // "...", "?!" stay together
                    while (j < _n && _t[j] is '.' or '!' or '?' or '…') j++;
                    return Emit(i, j, TokenKind.Punctuation);
                case '-':
                    while (j < _n && _t[j] == '-') j++;
                    return Emit(i, j, TokenKind.Punctuation);
                case '<' when TagEnd(i) is > 0 and var tag:
                    return Emit(i, tag, TokenKind.Symbol);
                case '&':
                    while (j < _n && j - i <= 8 && (char.IsAsciiLetterOrDigit(_t[j]) || _t[j] == '#')) j++;
                    return Emit(i, j < _n && _t[j] == ';' && j > i + 1 ? j + 1 : i + 1, TokenKind.Symbol); // &amp;
                case ':' or ';' when EmoticonEnd(i) is > 0 and var smiley:
                    return Emit(i, smiley, TokenKind.Symbol);
                case '#' or '@' when j < _n && char.IsLetter(_t[j]) && (i == 0 || !char.IsLetterOrDigit(_t[i - 1])):
                    while (j < _n && (char.IsLetterOrDigit(_t[j]) || _t[j] == '_')) j++;
                    return Emit(i, j, TokenKind.Word); // hashtag or handle
                case '=' or '*' or '~' or '+' or '$' or '<' or '>' or '#' or '_' or '^' or '|' when j < _n && _t[j] == c:
                    while (j < _n && _t[j] == c) j++;
                    return Emit(i, j, TokenKind.Symbol); // a rule or emphasis: "=====", "***", ">>"
            }
            if (char.IsHighSurrogate(c) && j < _n && char.IsLowSurrogate(_t[j])) return Emit(i, i + 2, TokenKind.Symbol);
            var kind = CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol
                           or UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol
                       || c is '%' or '‰' or '§' or '#' or '@' or '*' or '&' or '†'
                ? TokenKind.Symbol : TokenKind.Punctuation;
            return Emit(i, j, kind);
        }

        private int EmoticonEnd(int i)
        {
            int k = i + 1;
            if (k < _n && _t[k] == '-') k++;
            if (k >= _n || _t[k] is not (')' or '(' or 'D' or 'P' or 'p')) return -1;
            k++;
            return (i == 0 || IsSpace(_t[i - 1])) && (k >= _n || !char.IsLetterOrDigit(_t[k])) ? k : -1;
        }

        // ---- quotes -----------------------------------------------------------------------------------------

        private int ScanQuote(int i, char c)
        {
            if (c is '\'' or '’' && (i == 0 || !char.IsLetterOrDigit(_t[i - 1])))
            {
                // An elided year "'67" and a detached clitic "gibt 's" are words, not quotes.
                if (_en && i + 2 < _n && char.IsDigit(_t[i + 1]) && char.IsDigit(_t[i + 2]) && (i + 3 >= _n || !char.IsLetterOrDigit(_t[i + 3])))
                    return Emit(i, i + 3, TokenKind.Word);
                if (i > 0 && IsSpace(_t[i - 1]) && i + 1 < _n && _t[i + 1] is 's' or 'S' && (i + 2 >= _n || !char.IsLetterOrDigit(_t[i + 2])))
                    return Emit(i, i + 2, TokenKind.Word);
            }
            // LaTeX-style `` and '' (converted corpora) are one token each.
            if (c is '`' or '\'' && i + 1 < _n && _t[i + 1] == c)
                return EmitQuote(i, i + 2, c == '`' ? TokenKind.OpenQuote : TokenKind.CloseQuote, false);
            bool single = c is '\'' or '‚' or '‘' or '’' or '‹' or '›' or '`';
            bool openLeft = OpensLeft(i), closesRight = ClosesRight(i);
            int depth = single ? _singleOpen : _doubleOpen;
            // Context first (space before and a word after opens); when both sides look alike, the open quotes decide.
            TokenKind kind = (openLeft, closesRight) switch
            {
                (true, false) => TokenKind.OpenQuote,
                (false, true) => TokenKind.CloseQuote,
                _ when c is '„' or '‚' => TokenKind.OpenQuote,
                _ when depth > 0 || (c is '”' or '’' && !openLeft) => TokenKind.CloseQuote,
                _ => c is '"' or '\'' or '`' ? TokenKind.AmbiguousQuote : TokenKind.OpenQuote,
            };
            // An apostrophe after a word that no quote opened: "the soldiers' rifles".
            if (kind == TokenKind.CloseQuote && c is '\'' or '’' && depth == 0 && i > 0 && char.IsLetter(_t[i - 1]))
                kind = TokenKind.Punctuation;
            return EmitQuote(i, i + 1, kind, single);
        }

        private int EmitQuote(int s, int e, TokenKind kind, bool single)
        {
            ref int depth = ref single ? ref _singleOpen : ref _doubleOpen;
            if (kind == TokenKind.OpenQuote) depth++;
            else if (kind == TokenKind.CloseQuote && depth > 0) depth--;
            return Emit(s, e, kind);
        }

        /// <summary>The left side looks like the start of a quotation: space, line start, bracket, dash, colon.</summary>
        private bool OpensLeft(int i)
        {
            if (i == 0) return true;
            char p = _t[i - 1];
            if (IsSpace(p) || p is '(' or '[' or '{' or ':' or '/' or '–' or '—' or '-') return true;
            return IsQuote(p) && _tokens.Count > 0 && _tokens[^1].End == i && _tokens[^1].Kind == TokenKind.OpenQuote;
        }

        /// <summary>The right side looks like the end of a quotation: space, text end, punctuation, another closing quote.</summary>
        private bool ClosesRight(int i)
        {
            if (i + 1 >= _n) return true;
            char n = _t[i + 1];
            return IsSpace(n) || n is '.' or ',' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '–' or '—' or '…' or '-'
                   || (IsQuote(n) && (i + 2 >= _n || !char.IsLetterOrDigit(_t[i + 2])));
        }

        private int Emit(int s, int e, TokenKind kind)
        {
            string text = e - s == 1 && _t[s] < 128 ? AsciiStrings[_t[s]] : _t.Substring(s, e - s);
            _tokens.Add(new Token(_tokens.Count, s, e, text, kind));
            return e;
        }

        // ---- character classes ------------------------------------------------------------------------------

        /// <summary>Characters that continue a word: letters, digits, combining marks, soft hyphens.</summary>
        private int WordCharLength(int j)
        {
            char c = _t[j];
            if (char.IsLetterOrDigit(c)) return 1;
            if (c < 128) return 0;
            if (c == '\u00AD') return 1;
            if (char.IsHighSurrogate(c)) return j + 1 < _n && char.IsLetter(_t, j) ? 2 : 0;
            return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark ? 1 : 0;
        }

        private bool IsLetterAt(int k) => k < _n && char.IsLetter(_t[k]);
        private static bool IsSpace(char c) => char.IsWhiteSpace(c) || c is '\u200B' or '\uFEFF' or '\u2060';
        private static bool IsHyphen(char c) => c is '-' or '\u2010' or '\u2011';
        private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or '`';
        private static bool IsQuote(char c) => c is '"' or '„' or '“' or '”' or '«' or '»' or '‹' or '›' or '‚' or '‘' or '’' or '\'' or '`';
    }
}
