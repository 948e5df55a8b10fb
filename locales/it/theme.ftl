# La home (ricerca in evidenza, articoli popolari) e il «Che cosa non andava?» in fondo agli articoli.

hero-title = Come possiamo aiutarti?
popular-articles = Articoli popolari
not-found-search = Cerca quello che ti serviva o parti da uno degli argomenti qui sotto.
feedback-why = Che cosa non andava?
feedback-reason-unclear = Era difficile da capire
feedback-reason-outdated = È obsoleto o sbagliato
feedback-reason-unanswered = Non ha risposto alla mia domanda
feedback-reason-other = Altro
feedback-sorry = Grazie. Il nostro servizio clienti può aiutarti.
feedback-sorry-no-contact = Grazie. Useremo il tuo parere per migliorare questo articolo.
contact-from-article = L'articolo che stavi leggendo
contact-feedback-reason = Che cosa non andava:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Continua
