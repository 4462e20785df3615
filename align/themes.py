"""Themes of Swedish municipal planning, kept as data, and the cue matcher that assigns them.

Why: goals of different municipalities rarely share wording, but they share themes ("minska antalet externa
placeringar" in one plan, "andel öppenvård i egen regi" in another). A theme is matched by lemma cues, so that
every assignment can be explained by the cues that fired. The themes cover what every committee plans for
(social services, school, elderly care, LSS, labour market, culture and leisure, planning and infrastructure,
climate, public health, business, safety, staff, economy, digitalisation, quality and citizen influence).

Cue syntax (a plain Python literal so it ships with the package without package-data):
    "öppenvård"             a lemma, also as the first part of a compound ("öppenvårdsinsats")
    "*sjukfrånvaro"         also as the last part of a compound ("korttidssjukfrånvaro")
    "skol-"                 a stem, not lemmatised: any lemma that begins with it ("skolgång", "skolnärvaro")
    "våld i nära relation"  a multi-word cue: its content lemmas in a row (stop words such as "i" drop out)

    assign_themes("Minska antalet externa placeringar till förmån för öppenvårdsinsatser.")
    → [("external_placements", 3.0, ("extern placering", "öppenvård"))]

Where cues overlap, the longest wins and each word counts once: "skyddat boende" is violence, not housing.

Cues are national vocabulary (laws, Kolada and SCB measures, established terms), never one municipality's
programme or project names. A word that is everyday language in other committees' documents is not a cue on
its own, since a single-word cue also matches every compound that begins with it: "beroende" ("beroende på"),
"gäng" ("gängse"), "lärande" ("en lärande organisation"), "egen regi" (every operation run in-house), "*brott"
("driftavbrott"), "placering" ("kommunens placering i rankingen"), "boende" ("de boende i området"),
"behörighet" (access rights), "bistånd" (elderly care's "biståndsbeslut"), bare "miljö" ("en trygg miljö") and
bare "kultur" ("kulturbärande ledarskap"); the specific compounds and phrases are listed instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple, Union

from .normalise import Normalised, content_forms, normalise, normalise_many

THEMES: tuple[dict, ...] = (
    # --- individual and family care (socialtjänst) ----------------------------------------------------------------
    {
        "id": "external_placements",
        "label": "Externa placeringar och öppenvård i egen regi",
        "cues": ("extern placering", "placering av barn", "placering av ungdom", "placering av vuxen",
                 "placerade barn", "placerade ungdom", "antal placering", "placeringskostnad", "placeringsform",
                 "institutionsplacer-", "institutionsvård", "institution", "HVB", "köpt vård", "extern öppenvård",
                 "öppenvård", "öppenvård i egen regi", "hemtagning", "hemtagen", "vårddygn", "SiS",
                 "hem för vård eller boende", "LVU"),
    },
    {
        "id": "family_homes",
        "label": "Familjehem och kontaktfamiljer",
        "cues": ("familjehem", "*familjehem", "jourhem", "kontaktfamilj", "stödfamilj"),
    },
    {
        "id": "homelessness",
        "label": "Hemlöshet och boende",
        "cues": ("hemlös", "*hemlöshet", "bostad först", "bostad", "*bostad", "tillfälligt boende", "akutboende",
                 "socialt kontrakt", "andrahandskontrakt", "vräkning", "*vräkning", "bostadslös", "bostadssocial-"),
    },
    {
        "id": "violence",
        "label": "Våld i nära relationer",
        "cues": ("våld i nära relation", "våld", "*våld", "skyddat boende", "hedersrelaterad", "kvinnofrid",
                 "*våldsutsatt", "våldsutövare", "*övergrepp", "barnmisshandel"),
    },
    {
        "id": "addiction",
        "label": "Missbruk och beroende",
        "cues": ("missbruk", "*missbruk", "beroendevård", "beroendeproblem-", "spelberoende", "drog", "alkohol",
                 "narkotika", "ANDT", "spel om pengar", "tobak", "doping", "LVM"),
    },
    # --- school, children and young people ------------------------------------------------------------------------
    {
        "id": "education",
        "label": "Förskola, skola och utbildning",
        "cues": ("skol-", "*skola", "förskol-", "fritidshem", "pedagogisk omsorg", "barnomsorg", "utbildning",
                 "*utbildning", "komvux", "SFI", "svenska för invandrare", "gymnasieexamen", "elev", "studiero",
                 "närvaro", "*närvaro", "meritvärde", "betyg", "kunskapsresultat", "kunskapskrav", "läsförståelse",
                 "lärare", "*lärare", "undervisning"),
    },
    {
        "id": "children_youth",
        "label": "Barn och unga och barnets rättigheter",
        "cues": ("barn och unga", "barn och ungdom", "ungdomsvård", "*ungdomsvård", "uppväxtvillkor",
                 "barnperspektiv", "barnrätt-", "barnkonvention", "barnets bästa", "barnets rättighet",
                 "barnfamilj", "barnfattigdom", "familjestöd", "föräldraskapsstöd", "föräldrastöd"),
    },
    # --- safety ---------------------------------------------------------------------------------------------------
    {
        "id": "crime_prevention",
        "label": "Trygghet, brottsförebyggande arbete och beredskap",
        "cues": ("brottsförebyggande", "brott", "ungdomsbrott", "våldsbrott", "*brottslighet", "brottsoffer",
                 "kriminalitet", "*kriminalitet", "kriminell", "trygghet", "*trygghet", "otrygg", "trygg och säker",
                 "gängrelaterad", "gängvåld", "SSPF", "polis", "fältassistent", "fältsekreterare", "skadegörelse",
                 "våldsbejakande extremism", "krisberedskap", "räddningstjänst", "olycka", "civilt försvar"),
    },
    # --- care and support -----------------------------------------------------------------------------------------
    {
        "id": "disability",
        "label": "Funktionsnedsättning",
        "cues": ("funktionsnedsättning", "*funktionsnedsättning", "funktionshinder", "handikapp", "LSS",
                 "daglig verksamhet", "gruppbostad", "gruppboende", "servicebostad", "korttidsvistelse",
                 "personlig assistans", "assistansersättning", "ledsagning", "funktionsstöd", "NPF"),
    },
    {
        "id": "psychiatry",
        "label": "Socialpsykiatri och psykisk hälsa",
        "cues": ("socialpsykiatri", "psykiatri", "*psykiatri", "psykisk", "psykisk ohälsa", "psykisk hälsa",
                 "suicid", "självmord", "boendestöd"),
    },
    {
        "id": "elderly_care",
        "label": "Äldreomsorg",
        "cues": ("äldreomsorg", "äldre", "hemtjänst", "särskilt boende", "vård- och omsorgsboende",
                 "korttidsboende", "trygghetsboende", "trygghetsbostad", "hemsjukvård", "äldrevänlig", "demens",
                 "senior", "palliativ"),
    },
    # --- work, income and integration -----------------------------------------------------------------------------
    {
        "id": "income_support",
        "label": "Arbetsmarknad, integration och egen försörjning",
        "cues": ("försörjningsstöd", "egen försörjning", "självförsörj-", "ekonomiskt bistånd", "arbetsmarknad",
                 "sysselsättning", "arbetslös", "*arbetslöshet", "arbetsförmedling", "extratjänst", "lönebidrag",
                 "feriearbete", "sommarjobb", "nystartsjobb", "nyanländ", "integration", "utrikes född",
                 "etableringsprogram", "flykting", "ensamkommande"),
    },
    # --- the organisation -----------------------------------------------------------------------------------------
    {
        "id": "sick_leave",
        "label": "Sjukfrånvaro och arbetsmiljö",
        "cues": ("sjukfrånvaro", "*sjukfrånvaro", "frisknärvaro", "sjukskrivning", "hälsofrämjande arbetsliv",
                 "hälsofrämjande arbetsplats", "hållbart arbetsliv", "arbetsmiljö", "*arbetsmiljö", "friskfaktor",
                 "arbetsskada", "företagshälsovård", "arbetslivsinriktad rehabilitering"),
    },
    {
        "id": "staff_competence",
        "label": "Kompetensförsörjning, medarbetare och ledarskap",
        "cues": ("kompetens", "*kompetens", "medarbetar-", "arbetsgivare", "rekrytering", "*rekrytering",
                 "personal", "personalomsättning", "chef", "ledarskap", "*ledarskap", "arbetsliv", "heltid",
                 "bemanning", "lönebildning", "HME"),
    },
    {
        "id": "economy",
        "label": "Ekonomi i balans",
        "cues": ("budget i balans", "ekonomi i balans", "ekonomi", "budget", "kostnad", "*kostnad", "finansiell",
                 "effektivisering", "resursfördelning", "underskott", "överskott", "soliditet",
                 "självfinansiering-", "skattesats", "skatteintäkt", "ekonomisk hushållning", "investering",
                 "kapitalförvaltning"),
    },
    {
        "id": "digitalisation",
        "label": "Digitalisering",
        "cues": ("digital", "*digitalisering", "e-tjänst", "välfärdsteknik", "automatisering", "digitalt stöd",
                 "informationssäkerhet", "artificiell intelligens"),
    },
    {
        "id": "quality_satisfaction",
        "label": "Kvalitet, nöjdhet och inflytande",
        "cues": ("NKI", "NMI", "NII", "brukarundersökning", "brukarbedömning", "*brukarundersökning", "*nöjdhet",
                 "nöjd", "brukarinflytande", "inflytande", "delaktig", "medborgardialog", "medborgarundersökning",
                 "demokrati", "*demokrati", "valdeltagande", "delta i val", "kvalitetssystem", "kvalitetssäkring",
                 "kvalitetsledning", "klagomål", "synpunkt"),
    },
    # --- the municipality as a place ------------------------------------------------------------------------------
    {
        "id": "climate_environment",
        "label": "Klimat och miljö",
        "cues": ("klimat", "miljöarbete", "miljömål", "miljöpåverkan", "miljötillsyn", "miljöbalk", "miljövänlig",
                 "miljöcertifier-", "miljöledning-", "miljöskydd", "miljöprogram", "miljöstrateg-",
                 "miljökvalitet-", "miljöanpass-", "miljöhänsyn", "miljöfarlig", "miljöpolicy", "miljöplan",
                 "hälsoskydd", "ekologisk", "extremväder", "ekosystem", "fossilfri", "växthusgas", "*utsläpp",
                 "klimatanpassning", "biologisk mångfald", "parisavtal", "koldioxid", "förnybar",
                 "energiförbrukning", "energianvändning", "energieffektiv-", "avfall", "*avfall", "återvinning",
                 "*återvinning", "matsvinn", "cirkulär", "giftfri", "kemikalie", "naturvård", "naturvärde",
                 "naturreservat", "luftkvalitet", "buller"),
    },
    {
        "id": "community_planning",
        "label": "Samhällsplanering, bostadsbyggande och infrastruktur",
        "cues": ("samhällsplanering", "samhällsbyggnad", "översiktsplan", "detaljplan", "*detaljplan",
                 "planberedskap", "bygglov", "stadsutveckling", "stadsplanering", "exploatering", "markanvisning",
                 "markanvändning", "verksamhetsmark", "bostadsbyggande", "byggnation", "bostadsförsörjning",
                 "bostadsbestånd", "ny bostad", "bygga bostad", "nyproduktion", "hyresrätt", "bostadsområde",
                 "infrastruktur", "*infrastruktur", "trafik", "*trafik", "cykel", "*cykelväg", "gatu-", "vägnät",
                 "parkering", "vatten och avlopp", "vattenförsörjning", "dricksvatten", "dagvatten", "bredband"),
    },
    {
        "id": "culture_leisure",
        "label": "Kultur och fritid",
        "cues": ("kultur och fritid", "konst och kultur", "kulturliv", "kulturverksamhet", "kulturutbud",
                 "kulturhus", "kulturaktivitet", "kulturupplevelse", "kulturpolitik", "kulturevenemang",
                 "kulturskol-", "kulturarv", "kulturmiljö", "nöjesliv", "konstnärlig", "bibliotek", "*bibliotek",
                 "läsfrämjande", "fritid", "fritidsgård", "mötesplats", "idrott", "*idrott", "förening",
                 "friluftsliv", "badhus", "simhall", "museum", "musik", "scenkonst", "offentlig konst", "evenemang",
                 "lovaktivitet"),
    },
    {
        "id": "public_health",
        "label": "Folkhälsa",
        "cues": ("folkhälsa", "*folkhälsa", "hälsa", "jämlik hälsa", "hälsotillstånd", "levnadsvanor",
                 "fysisk aktivitet", "fysiskt aktiv", "rörelse", "medellivslängd", "ohälsotal", "ohälsodag-",
                 "övervikt", "fetma", "hälsosam", "välbefinnande", "tillit", "social hållbarhet"),
    },
    {
        "id": "business",
        "label": "Näringsliv och företagande",
        "cues": ("näringsliv", "företagsklimat", "näringsklimat", "företagande", "*företagande", "nyföretag-",
                 "företagsetablering", "etablering av företag", "företagare", "innovation", "tillväxt",
                 "arbetstillfälle", "besöksnäring", "turism", "handel", "företagslots"),
    },
)

ThemeMatch = tuple[str, float, tuple[str, ...]]


class _Cue(NamedTuple):
    theme: str
    text: str  # the cue as written in THEMES, reported back as the evidence
    forms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # per position: (forms a lemma may equal,
    #                                                                  forms it may begin or end with)
    head: bool  # also as the last part of a compound
    stem: bool  # forms are stems: a lemma only has to begin with them


@lru_cache(maxsize=1)
def compiled_cues() -> tuple[_Cue, ...]:
    """Every cue lemmatised once by the shipped pipeline (cached). Raises if a cue has no content word."""
    cues = []
    for theme in THEMES:
        for raw in theme["cues"]:
            head = raw.startswith("*")
            stem = raw.endswith("-")
            text = raw.lstrip("*").rstrip("-")
            if stem:
                forms = (((), (text.lower(),)),)
            else:
                # a compound is only matched on the written form, or on a lemma that is a prefix of it
                # ("unga" → "ung"), never on a lemma the lemmatizer took elsewhere ("drog" → "dra")
                forms = tuple(
                    (f, tuple(x for x in f if f[-1].startswith(x))) for f in content_forms(text)
                )
            if not forms:
                raise ValueError(f"theme {theme['id']}: cue {raw!r} has no content word")
            cues.append(_Cue(theme["id"], text, forms, head, stem))
    return tuple(cues)


def _form_matches(lemma: str, forms: tuple[tuple[str, ...], tuple[str, ...]], head: bool) -> int:
    """2 for an exact match, 1 for a compound or stem match, 0 for none."""
    exact, parts = forms
    if lemma in exact:
        return 2
    for f in parts:
        if lemma.startswith(f) or (head and lemma.endswith(f)):
            return 1
    return 0


@lru_cache(maxsize=1)
def _cue_index() -> tuple[dict[str, tuple[_Cue, ...]], dict[str, tuple[_Cue, ...]], tuple[_Cue, ...]]:
    """Cues by the first three letters of their first word, head cues also by their last three letters,
    and the few with shorter forms, which are always tried: so a text only meets the cues it could match."""
    first: dict[str, list[_Cue]] = {}
    last: dict[str, list[_Cue]] = {}
    always: list[_Cue] = []
    for cue in compiled_cues():
        exact, parts = cue.forms[0]
        forms = set(exact) | set(parts)
        if any(len(f) < 3 for f in forms):
            always.append(cue)
            continue
        for f in {f[:3] for f in forms}:
            first.setdefault(f, []).append(cue)
        if cue.head and len(cue.forms) == 1:
            for f in {f[-3:] for f in parts}:
                last.setdefault(f, []).append(cue)
    freeze = lambda d: {k: tuple(v) for k, v in d.items()}  # noqa: E731
    return freeze(first), freeze(last), tuple(always)


def _matches(lemmas: tuple[str, ...]) -> list[tuple[int, int, int, _Cue]]:
    """All (start, end, exactness, cue) where a cue's forms fit the content lemmas in a row."""
    found = []
    first, last, always = _cue_index()
    n = len(lemmas)
    for i, lemma in enumerate(lemmas):
        candidates = first.get(lemma[:3], ()) + always
        heads = last.get(lemma[-3:])
        if heads:
            candidates = tuple(dict.fromkeys(candidates + heads))
        for cue in candidates:
            k = len(cue.forms)
            if i + k > n:
                continue
            exact = 0
            for j, forms in enumerate(cue.forms):
                m = _form_matches(lemmas[i + j], forms, cue.head and j == k - 1)
                if not m:
                    break
                exact += m
            else:
                found.append((i, i + k, exact, cue))
    return found


def assign_themes(item: Union[str, Normalised]) -> list[ThemeMatch]:
    """[(theme id, score, cues matched)] for every theme with a match, best first.

    The score is the number of words the theme's cues cover (a two-word cue counts two), so a specific
    multi-word cue outweighs a single general word; ties keep the order of THEMES.
    """
    norm = normalise(item) if isinstance(item, str) else item
    found = _matches(norm.lemmas)
    # longest first, then exact before compound, then the longer written cue; each word is used once
    found.sort(key=lambda f: (-(f[1] - f[0]), -f[2], -len(f[3].text), f[0]))
    used: set[int] = set()
    score: dict[str, float] = {}
    cues: dict[str, dict[str, int]] = {}
    for start, end, _exact, cue in found:
        span = range(start, end)
        if used.intersection(span):
            continue
        used.update(span)
        score[cue.theme] = score.get(cue.theme, 0.0) + (end - start)
        cues.setdefault(cue.theme, {}).setdefault(cue.text, start)
    order = {t["id"]: i for i, t in enumerate(THEMES)}
    return [
        (theme, score[theme], tuple(sorted(cues[theme], key=cues[theme].get)))
        for theme in sorted(score, key=lambda t: (-score[t], order[t]))
    ]


def assign_themes_many(texts: Iterable[str]) -> list[list[ThemeMatch]]:
    """assign_themes over a batch, normalising it in one pass."""
    return [assign_themes(n) for n in normalise_many(texts)]


def theme_label(theme_id: str) -> str:
    """The Swedish label of a theme id (KeyError for an unknown id)."""
    for theme in THEMES:
        if theme["id"] == theme_id:
            return theme["label"]
    raise KeyError(theme_id)
