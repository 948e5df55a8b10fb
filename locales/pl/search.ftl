# Pole wyszukiwania, strona wyszukiwania i karta odpowiedzi.

search-label = Szukaj w centrum pomocy
search-placeholder = Szukaj odpowiedzi
search-button = Szukaj
search-page-title = Wyszukiwanie
# Odczytywane w regionie na żywo (polite); { $count } to liczba.
search-results = Wyniki: { $count }
search-results-for = Wyniki dla „{ $query }”
search-no-results = Brak wyników dla „{ $query }”.
# $language: nazwa języka, w którym są wyniki.
search-fallback = Nie znaleźliśmy niczego w Twoim języku. Te wyniki są w innym języku ({ $language }).
search-more = Więcej wyników
search-needs-js = Wyszukiwanie wymaga JavaScriptu. Możesz zamiast tego przejrzeć tematy pomocy:
answer-title = Sugerowana odpowiedź
answer-helpful = Czy ta odpowiedź była pomocna?
answer-yes = Tak
answer-no = Nie
answer-thanks = Dziękujemy za opinię.
still-need-help = Nadal potrzebujesz pomocy?
talk-to-support = Porozmawiaj z obsługą klienta
