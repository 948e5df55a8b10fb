# Casella di ricerca, pagina di ricerca e scheda della risposta.

search-label = Cerca nel centro assistenza
search-placeholder = Cerca una risposta
search-button = Cerca
search-page-title = Ricerca
# Annunciato in una live region di tipo polite; { $count } è un numero.
search-results = Risultati: { $count }
search-results-for = Risultati per «{ $query }»
search-no-results = Nessun risultato per «{ $query }».
# $language: il nome della lingua in cui sono i risultati.
search-fallback = Non abbiamo trovato nulla nella tua lingua. Questi risultati sono in un'altra lingua ({ $language }).
search-more = Altri risultati
search-needs-js = La ricerca richiede JavaScript. In alternativa, puoi sfogliare gli argomenti di assistenza:
answer-title = Risposta suggerita
answer-helpful = Questa risposta ti è stata utile?
answer-yes = Sì
answer-no = No
answer-thanks = Grazie per il tuo feedback.
still-need-help = Hai ancora bisogno di aiuto?
talk-to-support = Parla con l'assistenza clienti
