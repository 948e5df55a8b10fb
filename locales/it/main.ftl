# Testi dell'interfaccia del tema predefinito (italiano).
# Tutte le lingue hanno gli stessi identificatori di messaggio; kbgen segnala quelli mancanti.

site-title = Centro assistenza del marketplace
skip-to-content = Vai al contenuto principale
nav-label = Argomenti di assistenza
breadcrumb-label = Percorso di navigazione
home = Home
language-switcher = Lingua
categories-heading = Sfoglia gli argomenti di assistenza
article-count =
    { $count ->
        [one] { $count } articolo
       *[other] { $count } articoli
    }
on-this-page = In questa pagina
related-articles = Articoli correlati
updated = Ultimo aggiornamento:
# $language: la lingua del lettore; $original: la lingua in cui viene mostrato il testo.
fallback-notice = Questa pagina non è ancora disponibile nella tua lingua ({ $language }). Viene mostrata nella versione originale ({ $original }).
fallback-read-original = Apri la pagina originale
outdated-notice = Questa traduzione potrebbe non essere aggiornata: l’originale ({ $original }) è cambiato dopo la traduzione.
outdated-read-original = Leggi l’originale attuale ({ $original })
outdated-changed = Modificato dopo la traduzione:
not-found-title = Pagina non trovata
not-found-text = Non abbiamo trovato questa pagina. Potrebbe essere stata spostata o rimossa.
not-found-home = Vai alla home page del centro assistenza
choose-language = Scegli la tua lingua
sidebar-all = Tutti gli articoli ({ $count })
