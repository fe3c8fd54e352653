"""Built-in word lists: officialese, Bokmål and Nynorsk forms, words the passive rule must leave alone.

hunspell's nn_NO list is lenient (it takes "mye", "bare" and "skolen"), so the
Bokmål list is chosen by hand: only forms that are not Nynorsk after the 2012
norm, leaving out homographs that are ("nå" the verb, "enda" of "ende",
"derfor", "nødvendig", "gang"). Every suggested Nynorsk form is in nn_NO
(tests/engine/test_wordlists.py checks this when hunspell is installed).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of words written as one string, separated by spaces."""
    return frozenset(text.split())


# Old or stiff words and phrases -> the plain Nynorsk alternative
# (norwegian-conventions.md, Språkrådet's klarspråk advice, extended).
OFFICIALESE: dict[str, str] = {
    "angjeldande": "den det gjeld",
    "bevirke": "føre til",
    "bevirkar": "fører til",
    "bevirka": "førte til",
    "dog": "likevel",
    "forefinnast": "finst",
    "forefinst": "finst",
    "henstand": "utsetjing",
    "herunder": "mellom anna",
    "likeeins": "òg",
    "likeledes": "òg",
    "påkravd": "naudsynt",
    "samt": "og",
    "såleis": "slik",
    "underretning": "melding",
    "underretninga": "meldinga",
    "utferdige": "laga",
    "utferdiga": "laga",
    "utferdigar": "lagar",
    "vedkomande": "den det gjeld",
    "i henhald til": "etter",
    "i forbindelse med": "når / i samband med",
    "med omsyn til": "om",
    "gjeldande": "som gjeld",
    "føreliggande": "som ligg føre",
    "ovannemnde": "denne",
    "fornemnde": "denne",
    "iverksetje": "setje i gang",
    "iverksett": "sett i gang",
    "iverksetjast": "setjast i gang",
    "innvilge": "seie ja til",
    "innvilga": "sa ja til",
    "vederlag": "betaling",
    "anmode": "be",
    "anmodar": "ber",
    "anmoda": "bad",
    "anmodning": "spørsmål",
    "erlegge": "betale",
    "bifalle": "seie ja til",
    "foreta": "gjere",
    "foretek": "gjer",
    "framskaffe": "skaffe",
    "besørgje": "syte for",
    "tilkjennegje": "seie",
    "angåande": "om",
    "vedrørande": "om",
    "i medhald av": "etter",
    "derav": "av dette",
    "dertil": "i tillegg",
    "herved": "med dette",
    "hermed": "med dette",
    "heretter": "frå no av",
    "fortrinnsvis": "helst",
    "umiddelbart": "med ein gong",
    "oversende": "sende",
    "oversendt": "sendt",
    "tilflyte": "gå til",
    "kunngjere": "melde",
    "ytterlegare": "meir",
    "tilstrekkeleg": "nok",
    "kvarvidt": "om",
    "idet": "fordi",
    "i den grad": "om",
    "sett i lys av": "fordi",
    "under føresetnad av": "viss",
    "med tanke på": "for å",
}

# Bokmål -> Nynorsk, the common words apertium does not need to find.
# fmt: off
BOKMAL: dict[str, str] = {
    "ikke": "ikkje", "hva": "kva", "hvordan": "korleis", "hvorfor": "kvifor", "hvem": "kven",
    "hvor": "kvar", "hvilken": "kva for ein", "hvilke": "kva for", "hvis": "viss", "hver": "kvar",
    "hvert": "kvart", "jeg": "eg", "dere": "de", "hun": "ho", "dem": "dei", "disse": "desse",
    "hennes": "hennar", "noen": "nokon", "noe": "noko", "mye": "mykje", "bare": "berre",
    "da": "då", "fra": "frå", "uten": "utan", "siden": "sidan", "selv": "sjølv",
    "sammen": "saman", "ennå": "enno", "ellers": "elles", "være": "vere",
    "vært": "vore", "ble": "vart", "gjøre": "gjere", "gjør": "gjer", "fikk": "fekk", "gikk": "gjekk",
    "sier": "seier", "spørre": "spørje", "tar": "tek", "trenger": "treng",
    "gjelder": "gjeld", "ønsker": "ønskjer", "behandlet": "behandla", "behandles": "behandlast",
    "søkes": "søkjast", "sendes": "sendast", "mottatt": "motteke", "tatt": "teke",
    "vedtatt": "vedteke", "skrevet": "skrive", "gjeldende": "gjeldande", "følgende": "følgjande",
    "tilsvarende": "tilsvarande", "kommende": "komande", "skole": "skule", "skolen": "skulen",
    "skoler": "skular", "tjeneste": "teneste", "tjenesten": "tenesta", "tjenester": "tenester",
    "innbygger": "innbyggjar", "innbyggere": "innbyggjarar", "ansatte": "tilsette",
    "virksomhet": "verksemd", "sikkerhet": "tryggleik", "mulighet": "moglegheit",
    "muligheter": "moglegheiter", "mulig": "mogleg", "vanskelig": "vanskeleg",
    "tydelig": "tydeleg", "dokumenter": "dokument", "verdier": "verdiar",
    "innledning": "innleiing", "ansvarlig": "ansvarleg", "offentlig": "offentleg",
    "daglig": "dagleg", "hjem": "heim", "hjemme": "heime", "sted": "stad", "uke": "veke",
    "uker": "veker", "måned": "månad", "måneder": "månader", "penger": "pengar",
    "bolig": "bustad", "eiendom": "eigedom", "søker": "søkjer", "skriftlig": "skriftleg",
    "muntlig": "munnleg", "personlig": "personleg", "vennlig": "venleg", "hilsen": "helsing",
    "opplysninger": "opplysningar", "endringer": "endringar", "regler": "reglar",
    "arbeidsgiver": "arbeidsgjevar", "kommunene": "kommunane", "barnehager": "barnehagar",
    "spørsmålene": "spørsmåla", "svarene": "svara",
    "beboere": "bebuarar", "fortsatt": "framleis", "egen": "eigen",
    "eget": "eige", "egne": "eigne", "annet": "anna", "ganger": "gonger",
}
# fmt: on
BOKMAL = {k: v for k, v in BOKMAL.items() if k != v}

# Nynorsk -> Bokmål, for a municipality that writes Bokmål (form "nb").
# fmt: off
NYNORSK: dict[str, str] = {
    "ikkje": "ikke", "kva": "hva", "korleis": "hvordan", "kvifor": "hvorfor", "kven": "hvem",
    "eg": "jeg", "ho": "hun", "dei": "de", "desse": "disse", "nokon": "noen", "noko": "noe",
    "mykje": "mye", "berre": "bare", "frå": "fra", "utan": "uten", "sidan": "siden",
    "sjølv": "selv", "saman": "sammen", "vere": "være", "vore": "vært", "gjere": "gjøre",
    "gjer": "gjør", "fekk": "fikk", "gjekk": "gikk", "skule": "skole",
    "skulen": "skolen", "teneste": "tjeneste", "tenester": "tjenester", "tenesta": "tjenesten",
    "innbyggjarar": "innbyggere", "innbyggjar": "innbygger", "verksemd": "virksomhet",
    "mogleg": "mulig", "vanskeleg": "vanskelig", "naudsynt": "nødvendig", "tydeleg": "tydelig",
    "månad": "måned", "pengar": "penger", "eigedom": "eiendom", "søkjar": "søker",
    "skriftleg": "skriftlig", "venleg": "vennlig", "helsing": "hilsen", "opplysningar": "opplysninger",
    "reglar": "regler", "då": "da", "endå": "enda", "enno": "ennå", "elles": "ellers",
    "kvart": "hvert", "tek": "tar", "gjev": "gir", "treng": "trenger", "difor": "derfor",
    "søkjast": "søkes", "vart": "ble", "framleis": "fortsatt", "eigen": "egen", "anna": "annet",
    "gong": "gang", "kvar": "hver",
}
# fmt: on

# Words in -ast that are not s-passive: deponent verbs, superlatives, nouns.
NOT_PASSIVE: frozenset[str] = (
    words("""finnast synast trivast lukkast lykkast møtast minnast eldast skiljast kjennast undrast
    lengtast andast slåst treffast sjåast høyrast fortvilast vondast hugsast brydast grunnast
    seinast tidlegast snarast raskast billegast enklast lettast fleirast næraste helst
    nærast sterkast størst viktigast vanlegast beste fast kast last mast kontrast podkast
    ballast gymnast entusiast fantast elast bombast halvfast""")
)

# Auxiliaries of the periphrastic passive (bli/verte + perfektum partisipp).
PASSIVE_AUX: frozenset[str] = words("vert verte vart vorte vorten vortne blir bli blei blitt")
# Words allowed between the auxiliary and the participle.
PASSIVE_GAP: frozenset[str] = words(
    "ikkje ikke òg også berre gjerne alltid aldri snart no då straks automatisk ofte heller truleg"
)
# Adjectives that look like participles after vart/blir ("vart redd", "blir glad").
PREDICATIVE_ADJ: frozenset[str] = (
    words("""redd glad sjuk frisk sint lei trøytt vaksen gammal god ferdig klar kald varm open
    betre verre større mindre lettare vanskelegare dyrare billegare eldre yngre nøgd usikker
    kjent kjend vanleg viktig lett tung stor liten ny nytt nye roleg vanskeleg mogleg
    sein tidleg trygg utrygg tom full våt tørr mett svolten lukkeleg""")
)

MODALS: frozenset[str] = words("kan må skal bør vil kunne skulle måtte burde ville får fekk")
