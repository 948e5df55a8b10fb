# De contactroute (/<locale>/contact/), de voet van artikelen en de tabel met kanalen.

contact-page-title = Contact opnemen met de klantenservice
contact-intro = Vertel ons waar je vraag over gaat. We stellen artikelen voor die je vraag misschien beantwoorden en laten zien hoe je ons team het beste bereikt.
contact-step-topic = Waar gaat het over?
contact-about-order = Een specifieke bestelling of een specifiek object
contact-about-general = Een algemene vraag
contact-topic-label = Onderwerp
contact-topic-order = Een bestelling of object
contact-topic-payment = Betaling
contact-topic-shipping = Verzending en bezorging
contact-topic-dispute = Een geschil
contact-topic-account = Mijn account
contact-topic-general = Iets anders
contact-order-label = Bestelnummer
contact-order-hint = Je vindt het op je pagina Bestellingen.
contact-orders-page = Een vraag over een bestelling kun je ook starten vanaf je pagina Bestellingen: selecteer het object en kies 'Hulp krijgen'.
contact-step-question = Beschrijf je vraag
contact-question-label = Je vraag
contact-question-hint = Een paar zinnen is genoeg. Vermeld geen wachtwoorden of kaartgegevens.
contact-suggest = Antwoorden zoeken
contact-suggestions = Artikelen die kunnen helpen
contact-no-suggestions = We hebben geen passende artikelen gevonden.
contact-step-support = Nog hulp nodig? Neem contact op met de klantenservice
contact-best = Aanbevolen voor jou
contact-open-now = Nu beschikbaar
# $time: een tijd (met weekdag als het niet vandaag is) in de tijdzone van de lezer.
contact-opens-at = Beschikbaar vanaf { $time } (jouw tijd)
contact-always-open = Altijd beschikbaar
# $zone: de tijdzone als stad in deze taal, bijv. Amsterdam.
contact-hours-zone = Tijdzone: { $zone }
# $dates: een lijst met datums.
contact-closed-on = Gesloten op { $dates }
contact-channel-email = E-mail
contact-channel-chat = Livechat
contact-channel-phone = Telefoon
contact-chat-start = Chat starten
# $number: een telefoonnummer.
contact-phone-call = Bel { $number }
contact-email-intro = We antwoorden per e-mail. Er is geen direct e-mailadres: gebruik dit formulier.
contact-email-label = Je e-mailadres
contact-email-send = Vraag versturen
contact-errors = Corrigeer het volgende:
contact-error-email = Vul je e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
contact-error-question = Beschrijf je vraag.
contact-error-order = Vul het bestelnummer in.
contact-table-channel = Kanaal
contact-table-languages = Talen
contact-table-hours = Openingstijden
contact-day-mon = ma
contact-day-tue = di
contact-day-wed = wo
contact-day-thu = do
contact-day-fri = vr
contact-day-sat = za
contact-day-sun = zo
article-helpful = Was dit artikel nuttig?
contact-us = Contact opnemen
