using System.Text;

namespace Lagebild.Ingest;

/// <summary>
/// NFC for text from the web. The project runs with InvariantGlobalization, where string.Normalize is a no-op,
/// so letters written as base + combining mark ("a" + U+0308) are composed here from a table of the
/// Latin, Greek and Cyrillic precomposed letters (generated from the Unicode data; composition exclusions left out).
/// </summary>
internal static class CanonicalComposer
{
    /// <summary>For each combining mark: pairs of characters, base then the composed letter.</summary>
    private static readonly Dictionary<char, string> PairsByMark = new()
    {
        ['\u0300'] = "AÀEÈIÌOÒUÙaàeèiìoòuùÜǛüǜNǸnǹЕЀИЍеѐиѝĒḔēḕŌṐōṑWẀwẁÂẦâầĂẰăằÊỀêềÔỒôồƠỜơờƯỪưừYỲyỳ",
        ['\u0301'] = "AÁEÉIÍOÓUÚYÝaáeéiíoóuúyýCĆcćLĹlĺNŃnńRŔrŕSŚsśZŹzźÜǗüǘGǴgǵÅǺåǻÆǼæǽØǾøǿ¨΅ΑΆΕΈΗΉΙΊΟΌΥΎΩΏϊΐαάεέηήιίϋΰοόυύωώϒϓГЃКЌгѓкќÇḈçḉĒḖēḗÏḮïḯKḰkḱMḾmḿÕṌõṍŌṒōṓPṔpṕŨṸũṹWẂwẃÂẤâấĂẮăắÊẾêếÔỐôốƠỚơớƯỨưứ",
        ['\u0302'] = "AÂEÊIÎOÔUÛaâeêiîoôuûCĈcĉGĜgĝHĤhĥJĴjĵSŜsŝWŴwŵYŶyŷZẐzẑẠẬạậẸỆẹệỌỘọộ",
        ['\u0303'] = "AÃNÑOÕaãnñoõIĨiĩUŨuũVṼvṽÂẪâẫĂẴăẵEẼeẽÊỄêễÔỖôỗƠỠơỡƯỮưữYỸyỹ",
        ['\u0304'] = "AĀaāEĒeēIĪiīOŌoōUŪuūÜǕüǖÄǞäǟȦǠȧǡÆǢæǣǪǬǫǭÖȪöȫÕȬõȭȮȰȯȱYȲyȳИӢиӣУӮуӯGḠgḡḶḸḷḹṚṜṛṝ",
        ['\u0306'] = "AĂaăEĔeĕGĞgğIĬiĭOŎoŏUŬuŭУЎИЙийуўЖӁжӂАӐаӑЕӖеӗȨḜȩḝẠẶạặ",
        ['\u0307'] = "CĊcċEĖeėGĠgġIİZŻzżAȦaȧOȮoȯBḂbḃDḊdḋFḞfḟHḢhḣMṀmṁNṄnṅPṖpṗRṘrṙSṠsṡŚṤśṥŠṦšṧṢṨṣṩTṪtṫWẆwẇXẊxẋYẎyẏſẛ",
        ['\u0308'] = "AÄEËIÏOÖUÜaäeëiïoöuüyÿYŸΙΪΥΫιϊυϋϒϔЕЁІЇеёіїАӒаӓӘӚәӛЖӜжӝЗӞзӟИӤиӥОӦоӧӨӪөӫЭӬэӭУӰуӱЧӴчӵЫӸыӹHḦhḧÕṎõṏŪṺūṻWẄwẅXẌxẍtẗ",
        ['\u0309'] = "AẢaảÂẨâẩĂẲăẳEẺeẻÊỂêểIỈiỉOỎoỏÔỔôổƠỞơởUỦuủƯỬưửYỶyỷ",
        ['\u030A'] = "AÅaåUŮuůwẘyẙ",
        ['\u030B'] = "OŐoőUŰuűУӲуӳ",
        ['\u030C'] = "CČcčDĎdďEĚeěLĽlľNŇnňRŘrřSŠsšTŤtťZŽzžAǍaǎIǏiǐOǑoǒUǓuǔÜǙüǚGǦgǧKǨkǩƷǮʒǯjǰHȞhȟ",
        ['\u030F'] = "AȀaȁEȄeȅIȈiȉOȌoȍRȐrȑUȔuȕѴѶѵѷ",
        ['\u0311'] = "AȂaȃEȆeȇIȊiȋOȎoȏRȒrȓUȖuȗ",
        ['\u031B'] = "OƠoơUƯuư",
        ['\u0323'] = "BḄbḅDḌdḍHḤhḥKḲkḳLḶlḷMṂmṃNṆnṇRṚrṛSṢsṣTṬtṭVṾvṿWẈwẉZẒzẓAẠaạEẸeẹIỊiịOỌoọƠỢơợUỤuụƯỰưựYỴyỵ",
        ['\u0324'] = "UṲuṳ",
        ['\u0325'] = "AḀaḁ",
        ['\u0326'] = "SȘsșTȚtț",
        ['\u0327'] = "CÇcçGĢgģKĶkķLĻlļNŅnņRŖrŗSŞsşTŢtţEȨeȩDḐdḑHḨhḩ",
        ['\u0328'] = "AĄaąEĘeęIĮiįUŲuųOǪoǫ",
        ['\u032D'] = "DḒdḓEḘeḙLḼlḽNṊnṋTṰtṱUṶuṷ",
        ['\u032E'] = "HḪhḫ",
        ['\u0330'] = "EḚeḛIḬiḭUṴuṵ",
        ['\u0331'] = "BḆbḇDḎdḏKḴkḵLḺlḻNṈnṉRṞrṟTṮtṯZẔzẕhẖ",
    };

    private static readonly Dictionary<(char Base, char Mark), char> Composed = BuildTable();

    private static Dictionary<(char, char), char> BuildTable()
    {
        var table = new Dictionary<(char, char), char>();
        foreach (var (mark, pairs) in PairsByMark)
            for (int i = 0; i + 1 < pairs.Length; i += 2) table[(pairs[i], mark)] = pairs[i + 1];
        return table;
    }

    private static bool IsCombiningMark(char c) => c >= '\u0300' && c <= '\u036F';

    public static string ToNfc(string text)
    {
        string normalized;
        try { normalized = text.Normalize(NormalizationForm.FormC); } // does the whole job when ICU is available
        catch (ArgumentException) { normalized = text; }               // a lone surrogate: compose what we can below
        bool anyMark = false;
        foreach (var c in normalized) if (IsCombiningMark(c)) { anyMark = true; break; }
        if (!anyMark) return normalized;

        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            // Compose with the previous letter while no other mark stands between them.
            if (IsCombiningMark(c) && sb.Length > 0 && Composed.TryGetValue((sb[^1], c), out var letter))
                sb[^1] = letter;
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
