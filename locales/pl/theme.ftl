# Strona główna (duża wyszukiwarka, popularne artykuły) i „Co było nie tak?” pod artykułami.

hero-title = Jak możemy pomóc?
popular-articles = Popularne artykuły
not-found-search = Wyszukaj to, czego szukasz, albo zacznij od jednego z tematów poniżej.
feedback-why = Co było nie tak?
feedback-reason-unclear = Był trudny do zrozumienia
feedback-reason-outdated = Jest nieaktualny lub błędny
feedback-reason-unanswered = Nie odpowiedział na moje pytanie
feedback-reason-other = Coś innego
feedback-sorry = Dziękujemy. Nasz zespół obsługi klienta może Ci pomóc.
feedback-sorry-no-contact = Dziękujemy. Wykorzystamy Twoją opinię, aby ulepszyć ten artykuł.
contact-from-article = Czytany artykuł
contact-feedback-reason = Co było nie tak:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Dalej
