# Zoekvak, zoekpagina en antwoordkaart.

search-label = Zoeken in het helpcentrum
search-placeholder = Zoek naar antwoorden
search-button = Zoeken
search-page-title = Zoeken
# Wordt voorgelezen in een polite live region; { $count } is een getal.
search-results = Resultaten: { $count }
search-results-for = Resultaten voor ‘{ $query }’
search-no-results = Geen resultaten voor ‘{ $query }’.
# $language: de naam van de taal waarin de resultaten staan.
search-fallback = We hebben niets gevonden in je taal. Deze resultaten zijn in een andere taal ({ $language }).
search-more = Meer resultaten
search-needs-js = Voor zoeken is JavaScript nodig. Je kunt in plaats daarvan de helponderwerpen bekijken:
answer-title = Voorgesteld antwoord
answer-helpful = Was dit antwoord nuttig?
answer-yes = Ja
answer-no = Nee
answer-thanks = Bedankt voor je feedback.
still-need-help = Nog steeds hulp nodig?
talk-to-support = Praat met de klantenservice
