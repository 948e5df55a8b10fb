# Suchfeld, Suchseite und Antwortkarte.

search-label = Hilfe-Center durchsuchen
search-placeholder = Antworten suchen
search-button = Suchen
search-page-title = Suche
# Wird in einer Live-Region (polite) angesagt; { $count } ist eine Zahl.
search-results = Ergebnisse: { $count }
search-results-for = Ergebnisse für „{ $query }“
search-no-results = Keine Ergebnisse für „{ $query }“.
# $language: der Name der Sprache, in der die Ergebnisse vorliegen.
search-fallback = In Ihrer Sprache wurde nichts gefunden. Diese Ergebnisse liegen in einer anderen Sprache vor ({ $language }).
search-more = Weitere Ergebnisse
search-needs-js = Für die Suche wird JavaScript benötigt. Sie können sich stattdessen die Hilfethemen ansehen:
answer-title = Vorgeschlagene Antwort
answer-helpful = War diese Antwort hilfreich?
answer-yes = Ja
answer-no = Nein
answer-thanks = Vielen Dank für Ihr Feedback.
still-need-help = Benötigen Sie weitere Hilfe?
talk-to-support = Mit dem Kundenservice sprechen
