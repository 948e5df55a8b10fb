# Teksty interfejsu domyślnego motywu (polski).
# Każdy język ma te same identyfikatory komunikatów; kbgen ostrzega o brakujących.

site-title = Centrum pomocy platformy sprzedażowej
skip-to-content = Przejdź do treści głównej
nav-label = Tematy pomocy
breadcrumb-label = Ścieżka nawigacji
home = Strona główna
language-switcher = Język
categories-heading = Przeglądaj tematy pomocy
article-count =
    { $count ->
        [one] { $count } artykuł
        [few] { $count } artykuły
        [many] { $count } artykułów
       *[other] { $count } artykułu
    }
on-this-page = Na tej stronie
related-articles = Powiązane artykuły
updated = Ostatnia aktualizacja:
# $language: język czytelnika; $original: język, w którym wyświetlany jest tekst.
fallback-notice = Ta strona nie jest jeszcze dostępna w Twoim języku ({ $language }). Wyświetlamy wersję oryginalną ({ $original }).
fallback-read-original = Otwórz oryginalną stronę
outdated-notice = To tłumaczenie może być nieaktualne: oryginał ({ $original }) zmienił się od czasu tłumaczenia.
outdated-read-original = Przeczytaj aktualny oryginał ({ $original })
outdated-changed = Zmieniono od czasu tłumaczenia:
not-found-title = Nie znaleziono strony
not-found-text = Nie udało się znaleźć tej strony. Mogła zostać przeniesiona lub usunięta.
not-found-home = Przejdź do strony głównej centrum pomocy
choose-language = Wybierz język
sidebar-all = Wszystkie artykuły ({ $count })
