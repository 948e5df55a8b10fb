# Champ de recherche, page de recherche et fiche de réponse.

search-label = Rechercher dans le centre d’aide
search-placeholder = Rechercher une réponse
search-button = Rechercher
search-page-title = Recherche
# Annoncé dans une zone live de type polite ; { $count } est un nombre.
search-results = Résultats : { $count }
search-results-for = Résultats pour « { $query } »
search-no-results = Aucun résultat pour « { $query } ».
# $language : le nom de la langue des résultats.
search-fallback = Nous n’avons rien trouvé dans votre langue. Voici des résultats dans une autre langue ({ $language }).
search-more = Plus de résultats
search-needs-js = La recherche nécessite JavaScript. Vous pouvez aussi parcourir les rubriques d’aide :
answer-title = Réponse suggérée
answer-helpful = Cette réponse vous a-t-elle été utile ?
answer-yes = Oui
answer-no = Non
answer-thanks = Merci pour votre retour.
still-need-help = Vous avez encore besoin d’aide ?
talk-to-support = Contacter le service client
