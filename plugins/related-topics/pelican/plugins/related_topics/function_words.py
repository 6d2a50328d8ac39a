"""Function words: words that never say what two articles share ("much", "every", "très").

The stop-words package's lists, kept to their closed classes and general words. Its English
list has 1,333 words and holds content words a reason should name ("computer", "research",
"problem", "group", "work", "web"): of it, only the words below and its tokens of one or two
letters are kept. Its other lists are short and mostly closed-class: each keeps all but the content
words below. Pure; no Pelican.
"""

import functools
import re
from collections.abc import Mapping

import stop_words

LOCALE_PART = re.compile(r"[-_]")  # the language of `pt-BR`, `pt_BR`
# English closed classes, as the stop-words list spells them: pronouns, determiners and
# quantifiers, number words, prepositions, conjunctions and connectives, auxiliaries and
# modals (and every contraction of the list), pro-adverbs and adverbs of degree, time and
# manner that name no subject, interjections, abbreviations of Latin. And its light and
# general verbs ("get", "make", "say", "turn", "find"), which say what was done, never what
# about: two short posts sharing "turn" ("turn the heap", "turn the adjuster") are not related.
ENGLISH_CLOSED_CLASS = """
i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his
himself she her hers herself it its itself they them their theirs themselves one ones thou ye
self selves who whom whose what which that this these those whoever whomever whatever
whichever anybody anyone anything anywhere everybody everyone everything everywhere nobody
noone no-one none nothing nowhere somebody someone something somewhere somehow anyhow anyway
anyways someday sometime sometimes a an the some any no every each either neither all both
few fewer many much more most less least several enough such own other others another same
various certain half zero two three four five six seven eight nine ten eleven twelve fifteen
twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million trillion first
second third fifth once twice secondly about above across after against along alongside amid
amidst among amongst around as at before behind below beneath beside besides between beyond
by despite down during except for from in inside into like near of off on onto opposite out
outside over past per plus minus since than through throughout thru till to toward towards
under underneath unlike until unto up upon via versus vs with within without aboard abaft
anenst apropos apud astride athwart atop barring circa concerning considering excluding
following forenenst including modulo notwithstanding pursuant regarding sans qua round
according and but or nor so yet if unless because although though whereas while whilst
whether lest hence thence thus therefore however moreover furthermore nevertheless
nonetheless neverless otherwise consequently accordingly instead meanwhile meantime likewise
namely inasmuch insofar howbeit whereby wherein whereupon whereafter wherever whenever whence
whither hither thereby therein thereof thereafter thereupon thereto hereby herein hereafter
hereupon am is are was were be been being have has had having do does did doing done can
could may might must shall should will would ought cannot here there where when why how then
now very too also just only even still already always never ever often usually again almost
quite rather really somewhat else elsewhere indeed perhaps maybe probably possibly certainly
definitely actually apparently obviously merely mostly mainly largely nearly hardly soon far
later lately recently ago away forth together anymore evermore forever not well yes nay ok
okay oh ah hello hi um please thanks thank thanx greetings especially particularly exactly
entirely fully generally normally presumably relatively respectively significantly similarly
slightly substantially truly seriously strongly thoroughly sufficiently quickly readily
reasonably promptly predominantly primarily previously potentially overall currently
directly evenly fairly awfully briefly clearly specifically unfortunately hopefully widely
successfully usefully immediately afterwards beforehand etc i.e. eg ie viz vs. v. et-al
get gets getting got gotten go goes going gone went come comes came make makes making made
take taken taking took give gave given gives giving say says saying said see sees seeing saw
seen seem seems seemed seeming know knows knew known think thinks thought want wants wanted
let lets put puts keep keeps kept look looks looking tell become became becomes becoming
begin began begins find finds found show shows showed showing shown turn turns turned
turning try tries tried trying need needs needed needing ask asks asked asking felt
use used uses using allow allows appear arise believe call cause causes consider contain
containing contains describe described differ followed follows happens help indicate
indicated indicates mean means obtain obtained provided provides resulted resulting results
run ran move liked presented presenting presents ended ending backed backing backs pointed
pointing placed furthered furthering furthers suggest tends wish wonder wanting added
affected affecting affects associated noted specified specify specifying
"""
# General adjectives (worth, size, age, place in time or order), with the adverbs of place and
# the prepositions the closed classes above miss: they say how something is, never what it
# is about. Two posts sharing only "a good way ... the best thing" are not related.
ENGLISH_GENERAL_ADJECTIVES = """
able absent appropriate available best better big brief clear close different differently
doubtful due early empty free full further farther general good great greater greatest high
higher highest immediate important interesting interested inner large last latest latter
latterly former formerly likely unlikely little long longer longest low lower necessary
necessarily new newer newest next novel old older oldest particular possible poorly present
prior proud recent related right serious sensible significant similar sincere small smaller
smallest sorry sure thick thin thorough useful whole willing young younger youngest
approximately regardless ahead aside apart alone backward backwards forward downwards upwards
inward mid midst non vice owing regards vis-à-vis welcome dear abroad accordance subsequent
corresponding
"""
# General nouns: parts, places, amounts and kinds of anything, which name no subject. Not the
# ones a subject's terms are made of ("task order", "long term", "open data", "fiscal year").
ENGLISH_GENERAL_NOUNS = """
thing things way ways kind case cases fact facts point points part parts end ends example
side sides place places area areas amount beginning beginnings front back bottom top today
billion downs ups
"""
# The list's abbreviations, and its old, misspelt or cut function words ("afore", "myse”").
ENGLISH_STUBS = """
dare eh til afore amoungst abst adj auth biol co. inc inc. ltd mrs nos ord pmid ref refs sec
vol vols sub sup con pro int mil que herse” himse” itse” myse” throug thruout thoughh fify
neverf somethan wortha showns ableabout hed heres
"""
# Contractions the English list spells without their apostrophe ("dont", "isn"); not the
# ones that are words too ("hell", "shed", "ill", "wed", "id", "won").
ENGLISH_CONTRACTIONS = """
aint aren arent cant cmon couldn couldnt darent didn didnt doesn doesnt don dont hadnt hasn
hasnt haven havent hes im isn isnt itd itll ive ll maynt mightnt mustnt neednt oughtnt shant
shes shouldn shouldnt thatll thats thatve thered therell therere theres thereve theyd theyll
theyre theyve tis twas ve wasn wasnt weren werent weve whatll whats whatve wheres whod wholl
whos wont wouldn wouldnt youd youll youre youve
"""
# Content words in the package's other lists: each names a subject two articles can share.
CONTENT_WORDS = {
    "pt": """apontar bom caminho cara comprido conhecido corrente desligado direita estado
        fim horas iniciar inicio ligado maioria maiorias nome novo parte pegar povo quieto
        tempo tentar tentaram tente tentei tipo trabalhar trabalho usa usar valor verdade
        verdadeiro""",
    "es": """buen buena buenas bueno buenos conocer cosas ejemplo empleo emplear fuerza gran
        grande grandes lado largo lugar manera mayor mejor modo momento nueva nuevas nuevo
        nuevos parte pasado pasada sentido sentidos sentir siguiente tiempo total trabaja
        trabajais trabajamos trabajan trabajar trabajas trabajo valor verdad verdadera
        verdadero""",
    "fr": """bon chose choses début essai force grande haut mot nom nommé nommée nommés
        nouveau nouveaux parole personne personnes pièce sujet valeur état droite""",
}


@functools.cache
def function_words(lang: str) -> frozenset[str]:
    """Return the function words of `lang`, a language or a locale (`pt_BR`): none for a
    language the stop-words package has no list of."""
    language = LOCALE_PART.split(lang)[0].lower()
    try:
        listed = {word.lower() for word in stop_words.get_stop_words(language)}
    except stop_words.StopWordError:
        return frozenset()
    if language == "en":
        closed = {*ENGLISH_CLOSED_CLASS.split(), *ENGLISH_CONTRACTIONS.split()}
        general = {*ENGLISH_GENERAL_ADJECTIVES.split(), *ENGLISH_GENERAL_NOUNS.split()}
        kept_words = closed | general | set(ENGLISH_STUBS.split())
        # Its words of one or two letters are letters, codes and stubs ("b", "uk", "ll").
        kept = {w for w in listed if w in kept_words or "'" in w or len(w) <= 2}
    else:
        kept = listed - set(CONTENT_WORDS.get(language, "").split())
    return frozenset(kept)


# Words a reason never names, though the ranking still counts them (its lists are measured
# with them; these only make the reason honest): the parts of a web address, which a post
# citing "18f.gsa.gov" or "www.example.org" shares with every other that does, and general
# verbs and indefinite pronouns the package's lists miss ("fica": stays, "va": goes,
# "chacun": each one, "alguém": someone).
ADDRESS_PARTS = frozenset(
    ["http", "https", "www", "com", "org", "net", "gov", "edu", "html", "htm", "php"]
)
GENERAL_WORDS = {
    "pt": "fica ficam ficar ficou ficaram vai vão ir indo foram vem vêm vir veio"
    " alguém ninguém algo nada cada qualquer quaisquer algum alguma alguns algumas"
    " nenhum nenhuma outro outra outros outras todo toda todos todas",
    "es": "va van ir fue fueron viene vienen"
    " alguien nadie algo nada cada cualquier cualquiera alguno alguna algunos algunas"
    " ninguno ninguna otro otra otros otras todo toda todos todas",
    "fr": "va vont aller allé vient viennent venir venu"
    " chacun chacune quelqu'un quelqu'une quelque quelques quiconque plusieurs certain"
    " certaine certains certaines autre autres aucun aucune tout toute tous toutes",
}


@functools.cache
def unsaid_words(lang: str) -> frozenset[str]:
    """Return the words a reason never names in an article in `lang`: its function words,
    its general verbs and pronouns, and a web address's parts."""
    language = LOCALE_PART.split(lang)[0].lower()
    general = set(GENERAL_WORDS.get(language, "").split())
    return frozenset(function_words(lang) | general | ADDRESS_PARTS)


# The languages a post may be written in though its site says another: those of the Latin
# alphabet that blogs are most written in, whose words an English reader could take for a
# subject. Every list the package has would cost a build 0.05-0.1 s more, for languages whose
# words no reader takes for English.
GUESSED_LANGUAGES = ("de", "en", "es", "fr", "it", "nl", "pt")


@functools.cache
def languages_of_words() -> dict[str, tuple[str, ...]]:
    """Return, for each function word of the GUESSED_LANGUAGES, those of them it is one of."""
    found: dict[str, list[str]] = {}
    for language in GUESSED_LANGUAGES:
        for word in function_words(language):
            found.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in found.items()}


WRITTEN_IN_SHARE = 0.15  # of a text's words, function words of one language: written in it


def written_in(counts: Mapping[str, int]) -> str:
    """Return the language whose function words make up most of a text's term counts (and at
    least WRITTEN_IN_SHARE of them), else '': a Portuguese post on a site that says it is in
    English is still in Portuguese ("são", "fica" are no subject)."""
    index = languages_of_words()
    per_language: dict[str, int] = {}
    words = 0
    for term, times in counts.items():
        if " " in term:
            continue
        words += times
        for language in index.get(term, ()):
            per_language[language] = per_language.get(language, 0) + times
    if not per_language:
        return ""
    best = min(per_language, key=lambda language: (-per_language[language], language))
    return best if per_language[best] >= WRITTEN_IN_SHARE * words else ""
