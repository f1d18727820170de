"""French words that the matcher, the lint and the glossary assistant treat with care.

FUNCTION_WORDS end the part of a form that takes the plural ("plans de défense"); COMMON_WORDS
are frequent words of any French text: an alias that is one of them finds far more than the
term ("l", "de", "force"), so `check` warns about it, a generated plural that is one of them
("cour" -> "cours") is not looked for, and `suggest` does not propose them. The lists are ours,
short on purpose: the most frequent words of French news, folded (no accents, lower case).
"""

from __future__ import annotations

from ..folding import fold_key

FUNCTION_WORDS = frozenset("""
a à au aux avec chez contre d dans de des du en entre et l la le les ou par pour sans sous sur un
une vers
""".split())
"""Prepositions, articles and conjunctions: a form's head ends before the first of them."""

_GRAMMAR = """
a à afin ai aie ainsi alors après as assez au aucun aucune aujourd auprès aussi autant autre autres
aux avait avant avec avez avoir avons ayant bas beaucoup bien bon bonne bord bout ça car ce ceci
cela celle celles celui cent certain certaine certains ces cet cette ceux chacun chaque chez ci
cinq comme comment compte contre cours cas côté d dans de dehors déjà demain depuis des dès
deux devant dire dit dix doit donc dont dos du dû elle elles en encore entre es est et été
êtes étaient était être eu eux fait faire fais faut fin fils fin fois font force forces fort
fût grand grande gros guerre haut hier homme hommes hors huit ici il ils jamais je jour jours
jusqu jusque l la là le les leur leurs lors lui m ma mais mal me même mêmes mes moi moins mois
mon monde n na ne neuf ni non nos notre nous nouveau nouvelle nuit on ont or ou où oui par parce
parmi part pas pays pendant peu peut peuvent peux place plan plans plus plusieurs point pour
pourquoi premier première près puis quand quatre que quel quelle quelles quels qui quoi s sa
sans se selon sept ses seul seule si sien six soi soir soit son sont sous suis sur t ta tant te
tel telle tels temps tes toi ton tous tout toute toutes trois très trop tu un une vers via voici
voilà vos votre vous y
"""

_FREQUENT = """
an ans année années fois état états loi lois nord sud est ouest centre
point points mer terre air paix chef chefs membre membres pays partie parties texte article
articles traité traités accord accords alliance alliances organisation conseil conseils sommet
sommets réunion réunions défense sécurité président ministre ministres gouvernement armée armées
soldat soldats troupes brigade bataillon plan mission général générale unité unités base bases
ligne lignes front flanc zone zones région régions frontière frontières ville villes capitale
politique militaire militaires national nationale international internationale européen
européenne européens union rapport rapports nombre niveau niveaux cas fin début but cause lieu
mot mots nom noms pire mieux bien bois cour vers mais tour tours sol sols foi fil son sons vue
"""

GRAMMAR_WORDS = frozenset(fold_key(word) for word in _GRAMMAR.split())
"""Pronouns, determiners, prepositions, adverbs and the commonest verbs, folded: never the
first or last word of a phrase `suggest` proposes."""

COMMON_WORDS = GRAMMAR_WORDS | frozenset(fold_key(word) for word in _FREQUENT.split())
"""Frequent French words, folded: those above and the frequent nouns and adjectives of news."""
