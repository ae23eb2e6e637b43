//! Per-language vocabulary: the words around a citation, as data.
//!
//! Adding a language is adding a [`Vocabulary`] here; the extractor has no
//! language-specific control flow except the position of the keyword
//! ([`KeywordOrder`]). Every entry is a regular-expression fragment matched
//! case-insensitively on normalised text (see `normalize`), so NBSP, bidi
//! marks and full-width forms are already folded. The worked examples at the
//! end of each table are checked by tests in both directions: each example
//! must be found, and must yield exactly its expected ids.

use crate::symbol::Organ;

/// The six official languages of the UN.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ar,
    Zh,
    En,
    Fr,
    Ru,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Ar, Lang::Zh, Lang::En, Lang::Fr, Lang::Ru, Lang::Es];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
        }
    }

    /// Parses an ISO 639-1 code (also `ch`, as undocs.org spells Chinese).
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "ar" => Some(Lang::Ar),
            "zh" | "ch" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            "ru" => Some(Lang::Ru),
            "es" | "sp" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The vocabulary table of this language.
    pub fn vocabulary(self) -> &'static Vocabulary {
        match self {
            Lang::Ar => &ARABIC,
            Lang::Zh => &CHINESE,
            Lang::En => &ENGLISH,
            Lang::Fr => &FRENCH,
            Lang::Ru => &RUSSIAN,
            Lang::Es => &SPANISH,
        }
    }
}

/// Where the word "resolution" stands relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordOrder {
    /// "resolution 70/1", "القرار 70/1": the keyword, then a list of numbers.
    Before,
    /// "第70/1号决议": numbers (each closed by 号), then the keyword.
    After,
}

/// Who adopted the cited text, as named in running text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// One of the organs whose documents rescite identifies.
    Organ(Organ),
    /// Any other body (UNEP's assembly, a functional commission, a board):
    /// its resolutions are never taken for the General Assembly's.
    Other,
}

/// A worked example: a phrase and the canonical ids it must yield, read as
/// part of a text adopted by the General Assembly.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    pub text: &'static str,
    pub expected: &'static [&'static str],
}

/// Everything the extractor needs to know about one language.
#[derive(Debug)]
pub struct Vocabulary {
    pub lang: Lang,
    pub order: KeywordOrder,
    /// Words for "resolution(s)" in every inflection.
    pub resolution: &'static [&'static str],
    /// Words for "decision(s)".
    pub decision: &'static [&'static str],
    /// Names of bodies, tried longest first; a name may carry its
    /// preposition ("of the", "du", "del").
    pub bodies: &'static [(&'static str, Body)],
    /// Generic names of other bodies (a word like "Commission" with what
    /// follows it), tried after `bodies`.
    pub other_bodies: &'static [&'static str],
    /// What may stand between a body's name and the keyword that follows
    /// it: "Security Council, in its resolution".
    pub body_to_keyword: &'static str,
    /// Whether another body's name may stand before the keyword ("Commission
    /// on Narcotic Drugs resolution"). Arabic names the body after it
    /// (قرار لجنة المخدرات), and a name before it belongs to another clause.
    pub other_body_before_keyword: bool,
    /// Words for "its" before a keyword ("its", "sa", "su", "свою"): the
    /// organ that adopts the text ("Recalling its resolution"), unless a
    /// binder ties it to the body named just before ("the Commission, in
    /// its resolution"). Another body's name read back over a clause
    /// ("la Commission de la condition de la femme et rappelant sa") names
    /// no body. Empty where the keyword carries the possessive (Arabic
    /// قرارها) or closes the list (Chinese).
    pub possessives: &'static str,
    /// The words that tie a possessive to the body before them ("in", "by",
    /// "dans", "en", "в"); empty with `possessives`.
    pub possessive_binders: &'static str,
    /// Short names that stand for an organ named in full earlier in the
    /// text ("Council resolution 2395 (2017)" after "Security Council"):
    /// the name and the organs it may stand for.
    pub bare_bodies: &'static [(&'static str, &'static [Organ])],
    /// Words that never stand inside a body's name: a phrase before the
    /// keyword that contains one ("the Committee established by
    /// resolution") names no body of the resolution.
    pub not_in_names: &'static str,
    /// The United Nations' own name, as it may stand before a keyword
    /// ("l’Organisation des Nations Unies qui figure dans sa résolution
    /// 75/1"), and the words after it that make it an agency's name
    /// instead ("pour l’alimentation et l’agriculture"). The Organization
    /// adopts its resolutions through its organs: its own name names no
    /// other body. Empty where no other body is read before a keyword.
    pub united_nations: (&'static str, &'static str),
    /// Month names with their numbers.
    pub months: &'static [(&'static str, u8)],
    /// A date, with `{d}`, `{m}` and `{y}` where day, month and year stand.
    pub date: &'static str,
    /// Words that introduce a date after a number ("of", "du", "от").
    pub date_intro: &'static str,
    /// A date in a run that shares its year, or its month and year, with
    /// the date after it: "4" and "4 June" in "of 4 and 14 July 1967" and
    /// "of 4 June and 14 July 1967"; with its month, also a number's date
    /// whose year a whole date further on in the list gives ("338 (1973)
    /// of 22 October, 340 (1973) of 25 October 1973"). `date` without its
    /// year, the month optional; empty where a language writes no such
    /// dates after its numbers (Chinese dates each number before it).
    pub date_shared: &'static str,
    /// What joins the dates of such a run ("and", a comma); a range ("4 to
    /// 14 July") is no run of dates.
    pub date_joiners: &'static str,
    /// Words that introduce a title ("entitled").
    pub entitled: &'static str,
    /// Words that join the items of a list ("and", "as well as").
    pub connectors: &'static str,
    /// Part letters written as words (Arabic ألف, باء…), with their letter.
    pub part_words: &'static [(&'static str, char)],
    /// Words joining two part letters ("A to C", "A and B").
    pub part_joiners: &'static str,
    /// First words of preambular paragraphs.
    pub preamble_verbs: &'static [&'static str],
    /// First words of operative paragraphs.
    pub operative_verbs: &'static [&'static str],
    /// Whether every paragraph opens with a capital (Russian's open with
    /// a small letter, Arabic and Chinese write none): a capital after a
    /// blank line and the end of a clause then opens a paragraph whose
    /// first words are in neither list.
    pub capitalised_paragraphs: bool,
    /// Those first words of either list that lead a verb rather than
    /// being one ("Also", "Further", "وإذ", "вновь"): the paragraph's verb
    /// is read with the word after them ("Also recalling"), whose kind of
    /// paragraph it takes where that word is a verb of the lists.
    pub verb_leads: &'static [&'static str],
    /// Header phrases next to the adoption date: before it ("adopted by
    /// the General Assembly on"), or after it in Chinese ("大会决议").
    pub adopted: &'static str,
    /// Whether the adoption date comes before the phrase (Chinese).
    pub adoption_date_first: bool,
    /// The organs as a resolution addresses them before its first
    /// paragraph ("The General Assembly,"). In PDF text the comma may be
    /// lost; the line still ends the heading.
    pub addresses: &'static [&'static str],
    pub examples: &'static [Example],
}

const EN_MONTHS: [(&str, u8); 12] = [
    ("January", 1),
    ("February", 2),
    ("March", 3),
    ("April", 4),
    ("May", 5),
    ("June", 6),
    ("July", 7),
    ("August", 8),
    ("September", 9),
    ("October", 10),
    ("November", 11),
    ("December", 12),
];

pub static ENGLISH: Vocabulary = Vocabulary {
    lang: Lang::En,
    order: KeywordOrder::Before,
    resolution: &["resolutions?"],
    decision: &["decisions?"],
    bodies: &[
        ("(?:the )?(?:United Nations )?General Assembly", Body::Organ(Organ::GeneralAssembly)),
        ("(?:the )?(?:United Nations )?Security Council", Body::Organ(Organ::SecurityCouncil)),
        ("(?:the )?Economic and Social Council", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("(?:the )?Human Rights Council", Body::Organ(Organ::HumanRightsCouncil)),
        ("(?:the )?Commission on Human Rights", Body::Organ(Organ::CommissionOnHumanRights)),
        ("(?:of )?(?:the )?(?:United Nations )?General Assembly", Body::Organ(Organ::GeneralAssembly)),
        ("of (?:the )?(?:United Nations )?Security Council", Body::Organ(Organ::SecurityCouncil)),
        ("of (?:the )?Economic and Social Council", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("of (?:the )?Human Rights Council", Body::Organ(Organ::HumanRightsCouncil)),
        ("of (?:the )?Commission on Human Rights", Body::Organ(Organ::CommissionOnHumanRights)),
    ],
    other_bodies: &[
        r"(?:of )?(?:the )?(?:[A-Z][\w'’-]*,? (?:and )?){0,5}(?:Assembly|Commission|Committee|Conference|Board|Council|Organization|Forum|Meeting|Congress|Sub-Commission|Parties)(?: (?:on|for|of|of the|on the|and) (?:[A-Z][\w'’-]*(?: and)? ?){1,5})?",
    ],
    body_to_keyword: r"(?:,? (?:in|by) its|'s|’s)?",
    other_body_before_keyword: true,
    possessives: r"(?:its)",
    possessive_binders: r"(?:in|by)",
    bare_bodies: &[("Council", &[Organ::SecurityCouncil, Organ::EconomicAndSocialCouncil, Organ::HumanRightsCouncil]), ("Assembly", &[Organ::GeneralAssembly]), ("Commission", &[Organ::CommissionOnHumanRights])],
    not_in_names: r"\b(?:established|created|set up|pursuant|under|by|in accordance)\b",
    united_nations: (r"(?:of )?(?:the )?United Nations Organization", "for"),
    months: &EN_MONTHS,
    date: r"{d} {m},? {y}",
    date_intro: r"(?:of|dated|adopted on|on)",
    date_shared: r"{d}(?: {m})?",
    date_joiners: r"(?:,? and|,)",
    entitled: r"(?:entitled|titled|on)",
    connectors: r"(?:and also|and|as well as|including|inter alia|in particular|particularly|respectively|or|and its|its)",
    part_words: &[],
    part_joiners: r"(?:to|and|-)",
    preamble_verbs: &[
        "Recalling", "Reaffirming", "Taking note", "Welcoming", "Noting", "Bearing in mind",
        "Having considered", "Recognizing", "Acknowledging", "Reiterating", "Emphasizing",
        "Stressing", "Guided by", "Mindful", "Expressing", "Convinced", "Concerned", "Deeply concerned",
        "Considering", "Underlining", "Determined", "Affirming", "Taking into account",
        "Regretting", "Underscoring", "Deploring", "Condemning", "Alarmed", "Aware", "Fully aware",
        "Gravely concerned", "Believing", "Conscious", "Desiring", "Seeking", "Highlighting",
        "Commending", "Appreciating", "Encouraging", "Observing", "Keeping in mind",
        "Having examined", "Having heard", "Having studied", "Having noted", "Having received",
        "Having taken", "Having decided", "Having reviewed", "Having critically reviewed",
        "Acting under", "Acting in", "Responding to", "Determining", "Deeply disturbed",
        "Taking into consideration", "Grieved", "Deeply grieved", "Paying tribute", "Renewing",
        "Gravely alarmed", "Cognizant", "Indignant", "Desirous", "Deeply deploring",
        "Calling upon", "Referring to", "Whereas", "Reminding", "Confirming",
    ],
    operative_verbs: &[
        "Decides", "Requests", "Calls upon", "Calls on", "Urges", "Encourages", "Invites", "Reaffirms",
        "Recognizes", "Welcomes", "Notes", "Takes note", "Emphasizes", "Stresses", "Expresses",
        "Resolves", "Affirms", "Acknowledges", "Underlines", "Condemns", "Demands", "Recommends",
        "Appeals", "Authorizes", "Endorses", "Adopts", "Proclaims", "Declares", "Approves",
        "Supports", "Reiterates", "Commends", "Recalls", "Also", "Further", "Strongly", "Once again",
        "Extends", "Renews", "Reminds", "Determines", "Deplores", "Regrets", "Confirms", "Agrees",
        "Underscores", "Warns", "Insists", "Considers", "Directs", "Instructs", "Establishes",
        "Emphasises", "Recognises", "Takes", "Calls for", "Calls again", "Calls once again",
        "Urgently calls", "Fully supports", "Deeply deplores", "Looks forward", "Undertakes",
        "Re-emphasizes",
    ],
    capitalised_paragraphs: true,
    verb_leads: &["Also", "Further", "Strongly", "Once again"],
    adopted: r"(?:adopted by the [A-Za-z ]{3,40}? (?:at its [\w ]+ meeting,? )?on|adopted on)",
    adoption_date_first: false,
    addresses: &["The General Assembly", "The Security Council", "The Economic and Social Council", "The Human Rights Council"],
    examples: &[
        Example { text: "Reaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming our world: the 2030 Agenda for Sustainable Development”,", expected: &["A/RES/70/1"] },
        Example { text: "Recalling its resolutions 1514 (XV) of 14 December 1960 and 1541 (XV) of 15 December 1960", expected: &["A/RES/1514(XV)", "A/RES/1541(XV)"] },
        Example { text: "Economic and Social Council resolutions 2018/18 of 3 July 2018 and 2019/27 of 23 July 2019", expected: &["E/RES/2018/18", "E/RES/2019/27"] },
        Example { text: "Security Council resolutions 658 (1990) of 27 June 1990, 690 (1991) of 29 April 1991 and 1720 (2006)", expected: &["S/RES/658(1990)", "S/RES/690(1991)", "S/RES/1720(2006)"] },
        Example { text: "Human Rights Council resolution 41/8 of 11 July 2019", expected: &["A/HRC/RES/41/8"] },
        Example { text: "its decision 77/568 of 1 September 2023", expected: &["A/DEC/77/568"] },
        Example { text: "its resolutions ES-11/1 of 2 March 2022, ES-11/2 of 24 March 2022 and ES-11/6 of 23 February 2023", expected: &["A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/ES-11/6"] },
        Example { text: "resolutions 40/257 A to C of 18 December 1985 and 74/92 A and B of 13 December 2019", expected: &["A/RES/40/257", "A/RES/74/92"] },
        Example { text: "1 Resolution 217 A (III).", expected: &["A/RES/217(III)"] },
        Example { text: "Commission on Human Rights resolution 2005/69 of 20 April 2005", expected: &["E/CN.4/RES/2005/69"] },
        Example { text: "United Nations Environment Assembly resolution 5/14 and Commission on Narcotic Drugs resolution 58/8", expected: &[] },
        Example { text: "its resolutions 3362 (S-VII) of 16 September 1975 and 2252 (ES-V) of 4 July 1967 and S-26/2", expected: &["A/RES/3362(S-VII)", "A/RES/2252(ES-V)", "A/RES/S-26/2"] },
        Example { text: "on 28/04/2006, see Article 2(2), COVID-19, the 2030 Agenda, the 2015/16 biennium", expected: &[] },
        Example { text: "its resolution 70/1 on the 2030 Agenda and 69/313 on the Addis Ababa Action Agenda", expected: &["A/RES/70/1", "A/RES/69/313"] },
        Example { text: "the Human Rights Council, in its resolution 42/23,", expected: &["A/HRC/RES/42/23"] },
        Example { text: "Security Council resolution 1267 (1999), and in accordance with Council resolution 2395 (2017)", expected: &["S/RES/1267(1999)", "S/RES/2395(2017)"] },
        Example { text: "Commission resolution 1998/72 of 22 April 1998, established by the Commission on Human Rights", expected: &["E/CN.4/RES/1998/72"] },
        Example { text: "the Committee established by resolution 69/292 and the Counter-Terrorism Committee created by resolution 1373 (2001)", expected: &["A/RES/69/292", "S/RES/1373(2001)"] },
    ],
};

pub static FRENCH: Vocabulary = Vocabulary {
    lang: Lang::Fr,
    order: KeywordOrder::Before,
    resolution: &["r[ée]solutions?"],
    decision: &["d[ée]cisions?"],
    bodies: &[
        ("(?:de l['’]|l['’])?Assembl[ée]e g[ée]n[ée]rale", Body::Organ(Organ::GeneralAssembly)),
        ("(?:du |le )?Conseil de s[ée]curit[ée]", Body::Organ(Organ::SecurityCouncil)),
        ("(?:du |le )?Conseil [ée]conomique et social", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("(?:du |le )?Conseil des droits de l['’]homme", Body::Organ(Organ::HumanRightsCouncil)),
        ("(?:de la |la )?Commission des droits de l['’]homme", Body::Organ(Organ::CommissionOnHumanRights)),
    ],
    other_bodies: &[
        r"(?:de la |du |de l['’]|des |la |le |l['’])?(?:Assembl[ée]e|Commission|Comit[ée]|Conf[ée]rence|Conseil|Organisation|Forum|R[ée]union|Sous-Commission)(?: (?:des|de la|du|de|d['’]|pour l['’]|pour le|pour la|sur l['’]|sur la|sur le|sur les|des Nations Unies|et)[ \w'’-]{1,60}?)?(?:\b)",
    ],
    body_to_keyword: r"(?:,? dans (?:sa|ses|son)|,? par (?:sa|ses))?",
    other_body_before_keyword: true,
    possessives: r"(?:sa|ses|son)",
    possessive_binders: r"(?:dans|par)",
    bare_bodies: &[("Conseil", &[Organ::SecurityCouncil, Organ::EconomicAndSocialCouncil, Organ::HumanRightsCouncil]), ("Assembl[ée]e", &[Organ::GeneralAssembly]), ("Commission", &[Organ::CommissionOnHumanRights])],
    not_in_names: r"\b(?:cré[ée]e?s?|[ée]tabli[es]?|par|en vertu|conform[ée]ment|faisant suite)\b",
    united_nations: (r"(?:de l['’]|l['’])?Organisation des Nations Unies", "pour"),
    months: &[
        ("janvier", 1),
        ("f[ée]vrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("ao[uû]t", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("d[ée]cembre", 12),
    ],
    date: r"{d}(?:er)? {m} {y}",
    date_intro: r"(?:du|des|en date du|en date des|adopt[ée]es? le|le)",
    date_shared: r"{d}(?:er)?(?: {m})?",
    date_joiners: r"(?:,|et)",
    entitled: r"(?:intitul[ée]e?s?|sur|relative? [àa])",
    connectors: r"(?:et|ainsi que|notamment|y compris|en date respectivement des|respectivement|ou|et sa|et ses|sa|ses)",
    part_words: &[],
    part_joiners: r"(?:[àa]|et|-)",
    preamble_verbs: &[
        "Rappelant", "R[ée]affirmant", "Prenant note", "Prenant acte", "Se f[ée]licitant", "Notant",
        "Consid[ée]rant", "Ayant examin[ée]", "Reconnaissant", "Soulignant", "Sachant", "Consciente",
        "Convaincue", "Pr[ée]occup[ée]e", "Profond[ée]ment pr[ée]occup[ée]e", "Tenant compte", "Constatant",
        "Ayant à l['’]esprit", "Gardant à l['’]esprit", "Accueillant", "Condamnant", "Regrettant",
        "D[ée]plorant", "Vivement pr[ée]occup[ée]e", "Gravement pr[ée]occup[ée]e", "Affirmant",
        "Se d[ée]clarant", "Appelant", "Estimant", "R[ée]it[ée]rant", "Exprimant", "Insistant",
        "Conscient", "Convaincu", "D[ée]termin[ée]e?", "R[ée]solue?", "Alarm[ée]e?", "Encourageant",
        "Saluant", "Mettant l['’]accent",
    ],
    operative_verbs: &[
        "D[ée]cide", "Prie", "Demande", "Engage", "Invite", "R[ée]affirme", "Souligne", "Exhorte",
        "Encourage", "Prend note", "Prend acte", "Accueille", "Constate", "Rappelle", "Note",
        "Se f[ée]licite", "Salue", "Reconna[iî]t", "Affirme", "Condamne", "Recommande", "Exprime",
        "Approuve", "Adopte", "Proclame", "D[ée]clare", "Insiste", "R[ée]it[èe]re", "Estime",
        "Consid[èe]re", "Charge", "Autorise", "Soutient", "Remercie", "Exige", "Appelle",
        "Est consciente", "Se d[ée]clare", "A conscience", "Appuie",
    ],
    capitalised_paragraphs: true,
    verb_leads: &[],
    adopted: r"(?:adopt[ée]es? par (?:l['’]Assembl[ée]e g[ée]n[ée]rale|le Conseil [\w '’]{3,30}?) (?:[àa] sa [\w ]+ s[ée]ance,? )?le)",
    adoption_date_first: false,
    addresses: &["L’Assemblée générale", "L'Assemblée générale", "Le Conseil de sécurité", "Le Conseil économique et social", "Le Conseil des droits de l’homme", "Le Conseil des droits de l'homme"],
    examples: &[
        Example { text: "Rappelant sa résolution 76/13 du 2 décembre 2021, dans laquelle", expected: &["A/RES/76/13"] },
        Example { text: "les résolutions 2018/18 et 2019/27 du Conseil économique et social, en date respectivement des 3 juillet 2018 et 23 juillet 2019", expected: &["E/RES/2018/18", "E/RES/2019/27"] },
        Example { text: "la résolution 41/8 du Conseil des droits de l’homme", expected: &["A/HRC/RES/41/8"] },
        Example { text: "les résolutions du Conseil de sécurité 658 (1990) du 27 juin 1990, 690 (1991) du 29 avril 1991", expected: &["S/RES/658(1990)", "S/RES/690(1991)"] },
        Example { text: "sa décision 77/568 du 1er septembre 2023", expected: &["A/DEC/77/568"] },
        Example { text: "ses résolutions 40/257 A à C du 18 décembre 1985 et 74/92 A et B du 13 décembre 2019", expected: &["A/RES/40/257", "A/RES/74/92"] },
        Example { text: "1 Résolution 217 A (III).", expected: &["A/RES/217(III)"] },
        Example { text: "la résolution 5/14 de l’Assemblée des Nations Unies pour l’environnement", expected: &[] },
        Example { text: "le Comité du Conseil de sécurité créé par la résolution 1373 (2001)", expected: &["S/RES/1373(2001)"] },
    ],
};

pub static SPANISH: Vocabulary = Vocabulary {
    lang: Lang::Es,
    order: KeywordOrder::Before,
    resolution: &["resoluci[óo]n", "resoluciones"],
    decision: &["decisi[óo]n", "decisiones"],
    bodies: &[
        ("(?:de la |la )?Asamblea General", Body::Organ(Organ::GeneralAssembly)),
        ("(?:del |el )?Consejo de Seguridad", Body::Organ(Organ::SecurityCouncil)),
        ("(?:del |el )?Consejo Econ[óo]mico y Social", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("(?:del |el )?Consejo de Derechos Humanos", Body::Organ(Organ::HumanRightsCouncil)),
        ("(?:de la |la )?Comisi[óo]n de Derechos Humanos", Body::Organ(Organ::CommissionOnHumanRights)),
    ],
    other_bodies: &[
        r"(?:de la |del |de los |la |el )?(?:Asamblea|Comisi[óo]n|Comit[ée]|Conferencia|Consejo|Junta|Organizaci[óo]n|Foro|Reuni[óo]n|Subcomisi[óo]n)(?: (?:de las|de la|del|de los|de|sobre el|sobre la|para el|para la|y)[ \w-]{1,60}?)?(?:\b)",
    ],
    body_to_keyword: r"(?:,? en (?:su|sus)|,? mediante (?:su|sus))?",
    other_body_before_keyword: true,
    possessives: r"(?:su|sus)",
    possessive_binders: r"(?:en|mediante)",
    bare_bodies: &[("Consejo", &[Organ::SecurityCouncil, Organ::EconomicAndSocialCouncil, Organ::HumanRightsCouncil]), ("Asamblea", &[Organ::GeneralAssembly]), ("Comisi[óo]n", &[Organ::CommissionOnHumanRights])],
    not_in_names: r"\b(?:cread[oa]s?|establecid[oa]s?|por|en virtud|con arreglo|de conformidad)\b",
    united_nations: (r"(?:de la |la )?Organizaci[óo]n de las Naciones Unidas", "para"),
    months: &[
        ("enero", 1),
        ("febrero", 2),
        ("marzo", 3),
        ("abril", 4),
        ("mayo", 5),
        ("junio", 6),
        ("julio", 7),
        ("agosto", 8),
        ("septiembre", 9),
        ("setiembre", 9),
        ("octubre", 10),
        ("noviembre", 11),
        ("diciembre", 12),
    ],
    date: r"{d} de {m} de {y}",
    date_intro: r"(?:de|del|aprobadas? el|el)",
    date_shared: r"{d}(?: de {m})?",
    date_joiners: r"(?:,|y|e)",
    entitled: r"(?:titulad[oa]s?|sobre|relativa a|relativo a)",
    connectors: r"(?:y|e|as[íi] como|incluida|incluidas|en particular|respectivamente|o|y su|y sus|su|sus)",
    part_words: &[],
    part_joiners: r"(?:a|y|-)",
    preamble_verbs: &[
        "Recordando", "Reafirmando", "Tomando nota", "Acogiendo con beneplácito", "Observando",
        "Teniendo presente", "Habiendo examinado", "Reconociendo", "Destacando", "Subrayando",
        "Consciente", "Convencida", "Preocupada", "Profundamente preocupada", "Considerando", "Teniendo en cuenta",
        "Reiterando", "Expresando", "Haciendo notar", "Lamentando", "Recalcando", "Afirmando",
        "Acogiendo", "Condenando", "Deplorando", "Alarmada", "Alarmado", "Convencido", "Preocupado",
        "Profundamente preocupado", "Gravemente preocupada", "Gravemente preocupado", "Decidida",
        "Decidido", "Resuelta", "Resuelto", "Poniendo de relieve", "Alentando", "Guiándose",
        "Guiada", "Guiado", "Celebrando", "Encomiando", "Insistiendo",
    ],
    operative_verbs: &[
        "Decide", "Solicita", "Pide", "Exhorta", "Alienta", "Invita", "Reafirma", "Acoge", "Reconoce",
        "Observa", "Toma nota", "Destaca", "Subraya", "Insta", "Resuelve", "Recomienda", "Expresa",
        "Aprueba", "Afirma", "Condena", "Exige", "Encomia", "Reitera", "Hace", "Recuerda", "Celebra",
        "Apoya", "Declara", "Proclama", "Autoriza", "Encarga", "Considera",
        "Pone de relieve", "Recalca", "Tiene en cuenta",
    ],
    capitalised_paragraphs: true,
    verb_leads: &[],
    adopted: r"(?:aprobadas? por (?:la Asamblea General|el Consejo [\w ]{3,30}?) (?:en su [\w ]+ sesi[óo]n,? (?:celebrada )?)?el)",
    adoption_date_first: false,
    addresses: &["La Asamblea General", "El Consejo de Seguridad", "El Consejo Económico y Social", "El Consejo de Derechos Humanos"],
    examples: &[
        Example { text: "Recordando su resolución 76/13, de 2 de diciembre de 2021, en la que", expected: &["A/RES/76/13"] },
        Example { text: "Recordando sus resoluciones 1514 (XV), de 14 de diciembre de 1960, y 1541 (XV), de 15 de diciembre de 1960", expected: &["A/RES/1514(XV)", "A/RES/1541(XV)"] },
        Example { text: "las resoluciones del Consejo Económico y Social 2018/18, de 3 de julio de 2018, y 2019/27", expected: &["E/RES/2018/18", "E/RES/2019/27"] },
        Example { text: "la resolución 41/8 del Consejo de Derechos Humanos", expected: &["A/HRC/RES/41/8"] },
        Example { text: "las resoluciones del Consejo de Seguridad 658 (1990), de 27 de junio de 1990, y 690 (1991)", expected: &["S/RES/658(1990)", "S/RES/690(1991)"] },
        Example { text: "su decisión 77/568, de 1 de septiembre de 2023", expected: &["A/DEC/77/568"] },
        Example { text: "40/257 A a C, de 18 de diciembre de 1985, y 74/92 A y B, de 13 de diciembre de 2019 en sus resoluciones", expected: &[] },
        Example { text: "sus resoluciones 40/257 A a C, de 18 de diciembre de 1985, y 74/92 A y B", expected: &["A/RES/40/257", "A/RES/74/92"] },
    ],
};

pub static RUSSIAN: Vocabulary = Vocabulary {
    lang: Lang::Ru,
    order: KeywordOrder::Before,
    resolution: &["резолюц[а-яё]*"],
    decision: &["решени[а-яё]*"],
    bodies: &[
        ("Генеральн[а-яё]* Ассамбле[а-яё]*", Body::Organ(Organ::GeneralAssembly)),
        ("Совет[а-яё]* Безопасности", Body::Organ(Organ::SecurityCouncil)),
        ("Экономическ[а-яё]* и Социальн[а-яё]* Совет[а-яё]*", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("Совет[а-яё]* по правам человека", Body::Organ(Organ::HumanRightsCouncil)),
        ("Комисси[а-яё]* по правам человека", Body::Organ(Organ::CommissionOnHumanRights)),
    ],
    other_bodies: &[
        r"(?:[А-ЯЁ][а-яё-]*\s){0,4}(?:Ассамбле|Комисси|Комитет|Конференци|Совет|Организаци|Форум|Совещани|Подкомисси)[а-яё]*(?: (?:по|при|Организации|Объединенных|Наций|ООН)(?: [а-яё\w-]+){0,5})?",
    ],
    body_to_keyword: r"(?:,? (?:в|на) (?:сво[а-яё]*|ее|его|их)|,? сво[а-яё]*)?",
    other_body_before_keyword: true,
    possessives: r"(?:сво[а-яё]*)",
    possessive_binders: r"(?:в)",
    bare_bodies: &[("Совет[а-яё]*", &[Organ::SecurityCouncil, Organ::EconomicAndSocialCouncil, Organ::HumanRightsCouncil]), ("Ассамбле[а-яё]*", &[Organ::GeneralAssembly]), ("Комисси[а-яё]*", &[Organ::CommissionOnHumanRights])],
    not_in_names: r"(?:созданн|учрежденн|согласно|в соответствии|во исполнение)",
    united_nations: (r"Организаци[а-яё]* Объединенных Наций", "по"),
    months: &[
        ("январ[яь]", 1),
        ("феврал[яь]", 2),
        ("марта?", 3),
        ("апрел[яь]", 4),
        ("ма[яй]", 5),
        ("июн[яь]", 6),
        ("июл[яь]", 7),
        ("августа?", 8),
        ("сентябр[яь]", 9),
        ("октябр[яь]", 10),
        ("ноябр[яь]", 11),
        ("декабр[яь]", 12),
    ],
    date: r"{d} {m} {y}(?: года| г\.?)?",
    date_intro: r"(?:от|принят[а-яё]* )",
    date_shared: r"{d}(?: {m})?",
    date_joiners: r"(?:,|и)",
    entitled: r"(?:озаглавленн[а-яё]*|о|об|касающ[а-яё]*)",
    connectors: r"(?:и|а также|включая|в том числе|в частности|соответственно|или|и сво[а-яё]*|сво[а-яё]*)",
    part_words: &[],
    part_joiners: r"(?:-|и)",
    preamble_verbs: &[
        "ссылаясь", "подтверждая", "вновь подтверждая", "принимая к сведению", "напоминая",
        "с удовлетворением", "приветствуя", "отмечая", "признавая", "рассмотрев", "подчеркивая",
        "будучи", "учитывая", "принимая во внимание", "выражая", "сознавая", "руководствуясь",
        "памятуя", "утверждая", "констатируя", "сожалея", "вновь заявляя", "рекомендуя",
        "особо отмечая", "осуждая", "решительно осуждая", "желая", "стремясь", "поощряя",
        "вновь выражая", "высоко оценивая", "с озабоченностью", "с глубокой озабоченностью",
        "глубоко обеспокоена", "будучи глубоко обеспокоена", "исходя из", "принимая", "убеждена",
    ],
    operative_verbs: &[
        "постановляет", "просит", "призывает", "предлагает", "вновь подтверждает", "приветствует",
        "признает", "принимает", "подчеркивает", "настоятельно", "рекомендует", "выражает",
        "одобряет", "утверждает", "осуждает", "требует", "отмечает", "подтверждает", "поощряет",
        "решает", "заявляет", "провозглашает", "уполномочивает", "поручает", "считает", "напоминает",
        "с удовлетворением отмечает", "вновь", "также",
    ],
    capitalised_paragraphs: false,
    verb_leads: &["вновь", "также", "будучи", "с удовлетворением", "настоятельно", "с озабоченностью", "с глубокой озабоченностью"],
    adopted: r"(?:принят(?:ая|ые) (?:Генеральной Ассамблеей|Экономическим и Социальным Советом|Советом [\w ]{3,30}?)(?: на его [\w ]+ заседании,?)?)",
    adoption_date_first: false,
    addresses: &["Генеральная Ассамблея", "Совет Безопасности", "Экономический и Социальный Совет", "Совет по правам человека"],
    examples: &[
        Example { text: "ссылаясь на свою резолюцию 76/13 от 2 декабря 2021 года, в которой", expected: &["A/RES/76/13"] },
        Example { text: "ссылаясь на свои резолюции 1514 (XV) от 14 декабря 1960 года и 1541 (XV) от 15 декабря 1960 года", expected: &["A/RES/1514(XV)", "A/RES/1541(XV)"] },
        Example { text: "резолюции Экономического и Социального Совета 2018/18 от 3 июля 2018 года и 2019/27 от 23 июля 2019 года", expected: &["E/RES/2018/18", "E/RES/2019/27"] },
        Example { text: "резолюцию 41/8 Совета по правам человека от 11 июля 2019 года", expected: &["A/HRC/RES/41/8"] },
        Example { text: "резолюции Совета Безопасности 658 (1990) от 27 июня 1990 года", expected: &["S/RES/658(1990)"] },
        Example { text: "свое решение 77/568 от 1 сентября 2023 года", expected: &["A/DEC/77/568"] },
        Example { text: "резолюции 40/257 A–C от 18 декабря 1985 года и 74/92 A и B от 13 декабря 2019 года", expected: &["A/RES/40/257", "A/RES/74/92"] },
        Example { text: "1 Резолюция 217 A (III).", expected: &["A/RES/217(III)"] },
        Example { text: "резолюция 217 А (III) и резолюции 1514 (ХV)", expected: &["A/RES/217(III)", "A/RES/1514(XV)"] },
    ],
};

pub static ARABIC: Vocabulary = Vocabulary {
    lang: Lang::Ar,
    order: KeywordOrder::Before,
    resolution: &["[وف]?[بلك]?(?:ال|ل)?قرار(?:ات|ان|ين|ا|ي)?(?:هما|ها|هم|ه)?"],
    decision: &["[وف]?[بلك]?(?:ال|ل)?مقرر(?:ات|ان|ين|ا|ي)?(?:هما|ها|هم|ه)?"],
    bodies: &[
        (
            "(?:ل)?(?:ل|ال)جمعية العامة",
            Body::Organ(Organ::GeneralAssembly),
        ),
        ("مجلس الأمن", Body::Organ(Organ::SecurityCouncil)),
        // PDF text turns the lam-alef ligature around: "االقتصادي واالجتماعي".
        (
            "(?:ال|لل)مجلس (?:الاقتصادي|االقتصادي) (?:والاجتماعي|واالجتماعي)",
            Body::Organ(Organ::EconomicAndSocialCouncil),
        ),
        ("مجلس حقوق الإنسان", Body::Organ(Organ::HumanRightsCouncil)),
        (
            "لجنة حقوق الإنسان",
            Body::Organ(Organ::CommissionOnHumanRights),
        ),
    ],
    other_bodies: &[
        r"(?:ل|ال|لل)?(?:جمعية|لجنة|مؤتمر|مجلس|هيئة|منظمة|منتدى|اجتماع|اللجنة|المؤتمر|المجلس|الهيئة)(?: [\p{Arabic}]+){0,5}",
    ],
    body_to_keyword: r"(?: في)?",
    other_body_before_keyword: false,
    possessives: "",
    possessive_binders: "",
    bare_bodies: &[
        (
            "(?:ال|لل)?مجلس",
            &[
                Organ::SecurityCouncil,
                Organ::EconomicAndSocialCouncil,
                Organ::HumanRightsCouncil,
            ],
        ),
        ("(?:ال|لل)جمعية", &[Organ::GeneralAssembly]),
        ("(?:ال|لل)لجنة", &[Organ::CommissionOnHumanRights]),
    ],
    not_in_names: r"(?:المنشأة|المنشأ|عملا|وفقا|بموجب)",
    united_nations: ("", ""),
    months: &[
        ("(?:كانون الثاني ?/ ?)?يناير|كانون الثاني", 1),
        ("(?:شباط ?/ ?)?فبراير|شباط", 2),
        ("(?:آذار ?/ ?)?مارس|آذار", 3),
        ("(?:نيسان ?/ ?)?أبريل|نيسان", 4),
        ("(?:أيار ?/ ?)?مايو|أيار", 5),
        ("(?:حزيران ?/ ?)?يوني[هو]|حزيران", 6),
        ("(?:تموز ?/ ?)?يولي[هو]|تموز", 7),
        ("(?:آب ?/ ?)?أغسطس|آب", 8),
        ("(?:أيلول ?/ ?)?سبتمبر|أيلول", 9),
        ("(?:تشرين الأول ?/ ?)?أكتوبر|تشرين الأول", 10),
        ("(?:تشرين الثاني ?/ ?)?نوفمبر|تشرين الثاني", 11),
        ("(?:كانون الأول ?/ ?)?ديسمبر|كانون الأول", 12),
    ],
    // PDF text moves a comma before the year: "آذار/مارس ،2024".
    date: r"{d} [و]?{m} (?:[،,] ?)?{y}",
    date_intro: r"(?:[و]?المؤرخ(?:ة|ين|ان|تين|تان)?(?: في)?|في)",
    date_shared: r"{d}(?: [و]?{m})?",
    date_joiners: r"(?:[،,]|و)",
    entitled: r"(?:[و]?المعنون(?:ة|ين|ان|تين)?|بشأن|المتعلق(?:ة)? ب)",
    connectors: r"(?:و|وكذلك|بما في ذلك|ولا سيما|على التوالي|أو)",
    part_words: &[
        ("ألف", 'A'),
        ("باء", 'B'),
        ("جيم", 'C'),
        ("دال", 'D'),
        ("هاء", 'E'),
        ("واو", 'F'),
    ],
    part_joiners: r"(?:إلى|و|-)",
    preamble_verbs: &[
        "وإذ تشير",
        "إذ تشير",
        "وإذ تؤكد",
        "إذ تؤكد",
        "وإذ تعيد",
        "إذ تعيد",
        "وإذ ترحب",
        "إذ ترحب",
        "وإذ تحيط",
        "وإذ تلاحظ",
        "وإذ تضع",
        "وقد نظرت",
        "وإذ تسلم",
        "وإذ تعترف",
        "وإذ تشدد",
        "وإذ تذكر",
        "وإذ تدرك",
        "وإذ تقر",
        "وإذ تنوه",
        "وإذ يساورها",
        "وإذ",
        "إذ",
    ],
    operative_verbs: &[
        "تقرر",
        "تطلب",
        "تهيب",
        "تدعو",
        "تشجع",
        "ترحب",
        "تؤكد",
        "تحيط",
        "تعيد",
        "تلاحظ",
        "تسلم",
        "تشدد",
        "تحث",
        "توصي",
        "تعرب",
        "تدين",
        "تطالب",
        "تؤيد",
        "تعتمد",
        "تعلن",
        "تأذن",
        "تكرر",
        "تعترف",
        "تشير",
        "تقر",
    ],
    capitalised_paragraphs: false,
    verb_leads: &["وإذ", "إذ"],
    adopted: r"(?:اتخذت?(?:هما|ها|ه) (?:الجمعية العامة|(?:ال)?مجلس [\p{Arabic} ]{3,30}?)(?: في جلسته [\p{Arabic} ]+)? في)",
    adoption_date_first: false,
    addresses: &[
        "إن الجمعية العامة",
        "إن مجلس الأمن",
        "إن المجلس الاقتصادي والاجتماعي",
        "إن مجلس حقوق الإنسان",
    ],
    examples: &[
        Example {
            text: "إذ تشير إلى قرارها 76/13 المؤرخ 2 كانون الأول/ديسمبر 2021، الذي",
            expected: &["A/RES/76/13"],
        },
        Example {
            text: "وإذ تشير إلى قراريها 1514 (د-15) المؤرخ 14 كانون الأول/ديسمبر 1960 و 1541 (د-15)",
            expected: &["A/RES/1514(XV)", "A/RES/1541(XV)"],
        },
        Example {
            text: "قرارا المجلس الاقتصادي والاجتماعي 2018/18 المؤرخ 3 تموز/يوليه 2018 و 2019/27",
            expected: &["E/RES/2018/18", "E/RES/2019/27"],
        },
        Example {
            text: "قرار مجلس حقوق الإنسان 41/8 المؤرخ 11 تموز/يوليه 2019",
            expected: &["A/HRC/RES/41/8"],
        },
        Example {
            text: "قرارات مجلس الأمن 658 (1990) المؤرخ 27 حزيران/يونيه 1990 و 690 (1991)",
            expected: &["S/RES/658(1990)", "S/RES/690(1991)"],
        },
        Example {
            text: "ومقررها 77/568 المؤرخ 1 أيلول/سبتمبر 2023",
            expected: &["A/DEC/77/568"],
        },
        Example {
            text: "قراراتها دإط–11/1 المؤرخ 2 آذار/مارس 2022 و دإط-11/2 و دإ-10/2",
            expected: &["A/RES/ES-11/1", "A/RES/ES-11/2", "A/RES/S-10/2"],
        },
        Example {
            text: "قراريها 40/257 ألف إلى جيم المؤرخة 18 كانون الأول/ديسمبر 1985 و 74/92 ألف وباء",
            expected: &["A/RES/40/257", "A/RES/74/92"],
        },
        Example {
            text: "قرار مجلس الأمن ٨٤١ )١٩٩٣( المؤرخ ١٦ حزيران/يونيه ١٩٩٣",
            expected: &["S/RES/841(1993)"],
        },
        Example {
            text: "1 () القرار 217 ألف (د-3).",
            expected: &["A/RES/217(III)"],
        },
    ],
};

pub static CHINESE: Vocabulary = Vocabulary {
    lang: Lang::Zh,
    order: KeywordOrder::After,
    resolution: &["决议"],
    decision: &["决定"],
    bodies: &[
        ("(?:联合国)?大会", Body::Organ(Organ::GeneralAssembly)),
        ("安全理事会|安理会", Body::Organ(Organ::SecurityCouncil)),
        ("经济及社会理事会|经社理事会", Body::Organ(Organ::EconomicAndSocialCouncil)),
        ("人权理事会", Body::Organ(Organ::HumanRightsCouncil)),
        ("人权委员会", Body::Organ(Organ::CommissionOnHumanRights)),
    ],
    other_bodies: &[
        r"[\p{Han}]{0,10}(?:委员会|执行局|理事会|环境大会|卫生大会|缔约方大会|人居大会|大会|会议|论坛|组织)",
    ],
    body_to_keyword: r"(?:在其|其)?",
    other_body_before_keyword: true,
    possessives: "",
    possessive_binders: "",
    bare_bodies: &[],
    not_in_names: r"(?:设立|根据|依照)",
    united_nations: ("", ""),
    months: &[],
    date: r"{y}\s*年\s*{m}\s*月\s*{d}\s*日?",
    date_intro: r"",
    date_shared: r"",
    date_joiners: r"",
    entitled: r"(?:题为)",
    connectors: r"(?:、|和|与|及|以及|并|,|，)",
    part_words: &[],
    part_joiners: r"(?:至|和|-)",
    preamble_verbs: &[
        "回顾", "又回顾", "还回顾", "重申", "又重申", "还重申", "表示注意到", "欢迎", "注意到", "确认",
        "认识到", "强调", "铭记", "审议了", "深为关切", "关切地", "申明",
        "关切", "表示关切", "严重关切", "深感关切", "着重指出", "强调指出", "指出", "承认", "满意地注意到",
        "再次谴责", "谴责", "深信", "意识到", "考虑到", "感到遗憾", "再次呼吁", "赞赏", "决心", "忆及",
        "震惊", "希望", "特别回顾", "又着重指出", "又注意到", "还注意到", "又认识到", "又欢迎", "还欢迎",
        "又承认", "又强调", "还强调", "又确认", "又表示注意到", "又关切",
    ],
    operative_verbs: &["决定", "请", "吁请", "促请", "鼓励", "邀请", "敦促", "建议", "核可", "通过"],
    capitalised_paragraphs: false,
    verb_leads: &[],
    adopted: r"(?:大会决议|安全理事会决议|(?:经济及社会理事会|人权理事会)?通过的决议|(?:安全理事会)?第\s*\d+\s*次会议通过)",
    adoption_date_first: true,
    addresses: &["大会", "安全理事会", "经济及社会理事会", "人权理事会"],
    examples: &[
        Example { text: "回顾其2021年12月2日第76/13号决议，其中", expected: &["A/RES/76/13"] },
        Example { text: "回顾大会1960年12月14日第1514(XV)号和1960年12月15日第1541(XV)号决议", expected: &["A/RES/1514(XV)", "A/RES/1541(XV)"] },
        Example { text: "经济及社会理事会2018年7月3日第2018/18号决议和2019年7月23日第2019/27号决议", expected: &["E/RES/2018/18", "E/RES/2019/27"] },
        Example { text: "安全理事会1990年6月27日第658(1990)号、1991年4月29日第690(1991)号和2006年10月31日第1720(2006)号决议", expected: &["S/RES/658(1990)", "S/RES/690(1991)", "S/RES/1720(2006)"] },
        Example { text: "人权理事会2019年7月11日第41/8号决议", expected: &["A/HRC/RES/41/8"] },
        Example { text: "2023年9月1日第77/568号决定", expected: &["A/DEC/77/568"] },
        Example { text: "2022年3月2日关于乌克兰问题的ES-11/1号决议", expected: &["A/RES/ES-11/1"] },
        Example { text: "1985年12月18日第40/257 A至C号和第74/92A和B号决议", expected: &["A/RES/40/257", "A/RES/74/92"] },
        Example { text: "又重申其 2015 年 9 月 25 日题为“变革我们的世界：2030 年可持续发展议\n\n程”的第 70/1 号决议", expected: &["A/RES/70/1"] },
        Example { text: "第 78/213 号\n\n决议", expected: &["A/RES/78/213"] },
        Example { text: "1 第 217 A(III)号决议。", expected: &["A/RES/217(III)"] },
        Example { text: "麻醉药品委员会第58/8号决议", expected: &[] },
    ],
};
