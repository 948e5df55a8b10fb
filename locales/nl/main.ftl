# Teksten van de interface van het standaardthema (Nederlands).
# Elke taal heeft dezelfde bericht-id's; kbgen waarschuwt als er een ontbreekt.

site-title = Helpcentrum van de marktplaats
skip-to-content = Naar de hoofdinhoud
nav-label = Helponderwerpen
breadcrumb-label = Kruimelpad
home = Home
language-switcher = Taal
categories-heading = Bekijk de helponderwerpen
article-count =
    { $count ->
        [one] { $count } artikel
       *[other] { $count } artikelen
    }
on-this-page = Op deze pagina
related-articles = Gerelateerde artikelen
updated = Laatst bijgewerkt:
# $language: de taal van de lezer; $original: de taal waarin de tekst wordt getoond.
fallback-notice = Deze pagina is nog niet beschikbaar in het { $language }. Je ziet de oorspronkelijke versie ({ $original }).
fallback-read-original = Open de oorspronkelijke pagina
outdated-notice = Deze vertaling is mogelijk verouderd: het origineel ({ $original }) is gewijzigd sinds het werd vertaald.
outdated-read-original = Lees het huidige origineel ({ $original })
outdated-changed = Gewijzigd sinds de vertaling:
not-found-title = Pagina niet gevonden
not-found-text = We kunnen deze pagina niet vinden. Misschien is ze verplaatst of verwijderd.
not-found-home = Naar de startpagina van het helpcentrum
choose-language = Kies je taal
sidebar-all = Alle artikelen ({ $count })
