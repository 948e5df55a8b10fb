# Il percorso di contatto (/<locale>/contact/), il piè di pagina degli articoli e la tabella dei canali.

contact-page-title = Contatta l'assistenza clienti
contact-intro = Dicci di cosa si tratta. Ti suggeriremo gli articoli che potrebbero rispondere alla tua domanda e ti mostreremo il modo migliore per contattare il nostro team.
contact-step-topic = Di cosa si tratta?
contact-about-order = Un ordine o un oggetto specifico
contact-about-general = Una domanda generica
contact-topic-label = Argomento
contact-topic-order = Un ordine o un oggetto
contact-topic-payment = Pagamento
contact-topic-shipping = Spedizione e consegna
contact-topic-dispute = Una controversia
contact-topic-account = Il mio account
contact-topic-general = Altro
contact-order-label = Numero d'ordine
contact-order-hint = Lo trovi nella pagina Ordini.
contact-orders-page = Per una domanda su un ordine puoi partire anche dalla pagina Ordini: seleziona l'oggetto e scegli “Ottieni assistenza”.
contact-step-question = Descrivi la tua domanda
contact-question-label = La tua domanda
contact-question-hint = Bastano poche frasi. Non inserire password né dati della carta.
contact-suggest = Cerca risposte
contact-suggestions = Articoli che potrebbero aiutarti
contact-no-suggestions = Non abbiamo trovato articoli corrispondenti.
contact-step-support = Hai ancora bisogno di aiuto? Parla con l'assistenza clienti
contact-best = Consigliato per te
contact-open-now = Disponibile ora
# $time: un orario (con il giorno della settimana se non è oggi) nel fuso orario del lettore.
contact-opens-at = Disponibile dalle { $time } (ora locale)
contact-always-open = Sempre disponibile
# $zone: il fuso orario indicato dalla sua città in questa lingua, ad es. Amsterdam.
contact-hours-zone = Orari: ora di { $zone }
# $dates: un elenco di date.
contact-closed-on = Chiuso il { $dates }
contact-channel-email = E-mail
contact-channel-chat = Chat dal vivo
contact-channel-phone = Telefono
contact-chat-start = Avvia una chat
# $number: un numero di telefono.
contact-phone-call = Chiama il { $number }
contact-email-intro = Ti rispondiamo via e-mail. Non esiste un indirizzo e-mail diretto: usa questo modulo.
contact-email-label = Il tuo indirizzo e-mail
contact-email-send = Invia la domanda
contact-errors = Correggi quanto segue:
contact-error-email = Inserisci il tuo indirizzo e-mail, ad esempio nome@esempio.it.
contact-error-question = Descrivi la tua domanda.
contact-error-order = Inserisci il numero d'ordine.
contact-table-channel = Canale
contact-table-languages = Lingue
contact-table-hours = Orari
contact-day-mon = lun
contact-day-tue = mar
contact-day-wed = mer
contact-day-thu = gio
contact-day-fri = ven
contact-day-sat = sab
contact-day-sun = dom
article-helpful = Questo articolo ti è stato utile?
contact-us = Contattaci
