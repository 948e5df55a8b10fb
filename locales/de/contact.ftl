# Der Kontaktweg (/<locale>/contact/), der Artikelfuß und die Tabelle der Kanäle.

contact-page-title = Kundenservice kontaktieren
contact-intro = Sag uns, worum es geht. Wir schlagen dir Artikel vor, die deine Frage beantworten könnten, und zeigen dir, wie du unser Team am besten erreichst.
contact-step-topic = Worum geht es?
contact-about-order = Eine bestimmte Bestellung oder einen Artikel
contact-about-general = Eine allgemeine Frage
contact-topic-label = Thema
contact-topic-order = Eine Bestellung oder ein Artikel
contact-topic-payment = Zahlung
contact-topic-shipping = Versand und Zustellung
contact-topic-dispute = Ein Konfliktfall
contact-topic-account = Mein Konto
contact-topic-general = Etwas anderes
contact-order-label = Bestellnummer
contact-order-hint = Du findest sie auf deiner Seite „Bestellungen“.
contact-orders-page = Fragen zu einer Bestellung kannst du auch auf deiner Seite „Bestellungen“ starten: Wähle den Artikel aus und dann „Hilfe erhalten“.
contact-step-question = Beschreibe deine Frage
contact-question-label = Deine Frage
contact-question-hint = Ein paar Sätze genügen. Bitte gib keine Passwörter oder Kartendaten an.
contact-suggest = Antworten finden
contact-suggestions = Artikel, die helfen könnten
contact-no-suggestions = Wir haben keine passenden Artikel gefunden.
contact-step-support = Brauchst du noch Hilfe? Sprich mit dem Kundenservice
contact-best = Für dich empfohlen
contact-open-now = Jetzt erreichbar
# $time: eine Uhrzeit (mit Wochentag, wenn nicht heute) in der Zeitzone des Lesers.
contact-opens-at = Erreichbar ab { $time } (deine Zeit)
contact-always-open = Immer erreichbar
# $zone: die Zeitzone als Stadt in dieser Sprache, z. B. Amsterdam.
contact-hours-zone = Ortszeit { $zone }
# $dates: eine Liste von Daten.
contact-closed-on = Geschlossen am { $dates }
contact-channel-email = E-Mail
contact-channel-chat = Live-Chat
contact-channel-phone = Telefon
contact-chat-start = Chat starten
# $number: eine Telefonnummer.
contact-phone-call = { $number } anrufen
contact-email-intro = Wir antworten per E-Mail. Es gibt keine direkte E-Mail-Adresse: Bitte nutze dieses Formular.
contact-email-label = Deine E-Mail-Adresse
contact-email-send = Frage senden
contact-errors = Bitte korrigiere Folgendes:
contact-error-email = Gib deine E-Mail-Adresse ein, zum Beispiel name@beispiel.de.
contact-error-question = Beschreibe deine Frage.
contact-error-order = Gib die Bestellnummer ein.
contact-table-channel = Kanal
contact-table-languages = Sprachen
contact-table-hours = Zeiten
contact-day-mon = Mo
contact-day-tue = Di
contact-day-wed = Mi
contact-day-thu = Do
contact-day-fri = Fr
contact-day-sat = Sa
contact-day-sun = So
article-helpful = War dieser Artikel hilfreich?
contact-us = Kontakt
