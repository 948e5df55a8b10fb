# Oberflächentexte des Standard-Themes (Deutsch).
# Alle Sprachen haben dieselben Nachrichten-IDs; kbgen warnt bei fehlenden.

site-title = Hilfe-Center des Marktplatzes
skip-to-content = Zum Hauptinhalt springen
nav-label = Hilfethemen
breadcrumb-label = Navigationspfad
home = Startseite
language-switcher = Sprache
categories-heading = Hilfethemen im Überblick
article-count =
    { $count ->
        [one] { $count } Artikel
       *[other] { $count } Artikel
    }
on-this-page = Auf dieser Seite
related-articles = Verwandte Artikel
updated = Zuletzt aktualisiert:
# $language: die Sprache der Leserin bzw. des Lesers; $original: die Sprache, in der der Text angezeigt wird.
fallback-notice = Diese Seite ist noch nicht auf { $language } verfügbar. Sie sehen die Originalfassung ({ $original }).
fallback-read-original = Originalseite öffnen
outdated-notice = Diese Übersetzung ist möglicherweise veraltet: Das Original ({ $original }) wurde seit der Übersetzung geändert.
outdated-read-original = Aktuelles Original lesen ({ $original })
outdated-changed = Seit der Übersetzung geändert:
not-found-title = Seite nicht gefunden
not-found-text = Diese Seite wurde nicht gefunden. Möglicherweise wurde sie verschoben oder entfernt.
not-found-home = Zur Startseite des Hilfe-Centers
choose-language = Wählen Sie Ihre Sprache
sidebar-all = Alle Artikel ({ $count })
