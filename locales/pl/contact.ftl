# Ścieżka kontaktu (/<locale>/contact/), stopka artykułów i tabela kanałów.

contact-page-title = Kontakt z obsługą klienta
contact-intro = Napisz, czego dotyczy Twoje pytanie. Zaproponujemy artykuły, które mogą na nie odpowiedzieć, i pokażemy najlepszy sposób kontaktu z naszym zespołem.
contact-step-topic = Czego dotyczy pytanie?
contact-about-order = Konkretnego zamówienia lub przedmiotu
contact-about-general = Pytanie ogólne
contact-topic-label = Temat
contact-topic-order = Zamówienie lub przedmiot
contact-topic-payment = Płatność
contact-topic-shipping = Wysyłka i dostawa
contact-topic-dispute = Spór
contact-topic-account = Moje konto
contact-topic-general = Coś innego
contact-order-label = Numer zamówienia
contact-order-hint = Znajdziesz go na stronie Zamówienia.
contact-orders-page = Pytanie o zamówienie możesz też zadać ze strony Zamówienia: wybierz przedmiot i kliknij „Uzyskaj pomoc”.
contact-step-question = Opisz swoje pytanie
contact-question-label = Twoje pytanie
contact-question-hint = Wystarczy kilka zdań. Nie podawaj haseł ani danych karty.
contact-suggest = Znajdź odpowiedzi
contact-suggestions = Artykuły, które mogą pomóc
contact-no-suggestions = Nie znaleźliśmy pasujących artykułów.
contact-step-support = Nadal potrzebujesz pomocy? Porozmawiaj z obsługą klienta
contact-best = Polecane dla Ciebie
contact-open-now = Dostępne teraz
# $time: godzina (z dniem tygodnia, jeśli nie dziś) w strefie czasowej czytelnika.
contact-opens-at = Dostępne od { $time } (Twój czas)
contact-always-open = Zawsze dostępne
# $zone: strefa czasowa jako miasto w tym języku, np. Amsterdam.
contact-hours-zone = Strefa czasowa: { $zone }
# $dates: lista dat.
contact-closed-on = Nieczynne w dniach: { $dates }
contact-channel-email = E-mail
contact-channel-chat = Czat na żywo
contact-channel-phone = Telefon
contact-chat-start = Rozpocznij czat
# $number: numer telefonu.
contact-phone-call = Zadzwoń pod numer { $number }
contact-email-intro = Odpowiadamy e-mailem. Nie ma bezpośredniego adresu e-mail: skorzystaj z tego formularza.
contact-email-label = Twój adres e-mail
contact-email-send = Wyślij pytanie
contact-errors = Popraw następujące pola:
contact-error-email = Wpisz swój adres e-mail, na przykład imie@przyklad.pl.
contact-error-question = Opisz swoje pytanie.
contact-error-order = Wpisz numer zamówienia.
contact-table-channel = Kanał
contact-table-languages = Języki
contact-table-hours = Godziny
contact-day-mon = pon.
contact-day-tue = wt.
contact-day-wed = śr.
contact-day-thu = czw.
contact-day-fri = pt.
contact-day-sat = sob.
contact-day-sun = niedz.
article-helpful = Czy ten artykuł był pomocny?
contact-us = Skontaktuj się z nami
