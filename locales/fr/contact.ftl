# Le parcours de contact (/<locale>/contact/), le pied des articles et le tableau des canaux.

contact-page-title = Contacter le service client
contact-intro = Dites-nous de quoi il s'agit. Nous vous proposerons des articles susceptibles de répondre à votre question et vous indiquerons le meilleur moyen de joindre notre équipe.
contact-step-topic = De quoi s'agit-il ?
contact-about-order = Une commande ou un objet précis
contact-about-general = Une question générale
contact-topic-label = Sujet
contact-topic-order = Une commande ou un objet
contact-topic-payment = Paiement
contact-topic-shipping = Envoi et livraison
contact-topic-dispute = Un litige
contact-topic-account = Mon compte
contact-topic-general = Autre chose
contact-order-label = Numéro de commande
contact-order-hint = Vous le trouverez sur votre page Commandes.
contact-orders-page = Pour une question sur une commande, vous pouvez aussi partir de votre page Commandes : sélectionnez l'objet et choisissez « Obtenir de l'aide ».
contact-step-question = Décrivez votre question
contact-question-label = Votre question
contact-question-hint = Quelques phrases suffisent. N'indiquez ni mot de passe ni données de carte.
contact-suggest = Chercher des réponses
contact-suggestions = Articles qui peuvent vous aider
contact-no-suggestions = Nous n'avons trouvé aucun article correspondant.
contact-step-support = Besoin d'aide supplémentaire ? Contactez le service client
contact-best = Recommandé pour vous
contact-open-now = Disponible maintenant
# $time : une heure (avec le jour de la semaine si ce n'est pas aujourd'hui) dans le fuseau horaire du lecteur.
contact-opens-at = Disponible à { $time } (votre heure)
contact-always-open = Toujours disponible
# $zone : le fuseau horaire par sa ville dans cette langue, par ex. Amsterdam.
contact-hours-zone = Fuseau horaire : { $zone }
# $dates : une liste de dates.
contact-closed-on = Fermé le { $dates }
contact-channel-email = E-mail
contact-channel-chat = Chat en direct
contact-channel-phone = Téléphone
contact-chat-start = Démarrer un chat
# $number : un numéro de téléphone.
contact-phone-call = Appeler le { $number }
contact-email-intro = Nous vous répondons par e-mail. Il n'y a pas d'adresse e-mail directe : utilisez ce formulaire.
contact-email-label = Votre adresse e-mail
contact-email-send = Envoyer votre question
contact-errors = Veuillez corriger les points suivants :
contact-error-email = Saisissez votre adresse e-mail, par exemple nom@exemple.fr.
contact-error-question = Décrivez votre question.
contact-error-order = Saisissez le numéro de commande.
contact-table-channel = Canal
contact-table-languages = Langues
contact-table-hours = Horaires
contact-day-mon = lun.
contact-day-tue = mar.
contact-day-wed = mer.
contact-day-thu = jeu.
contact-day-fri = ven.
contact-day-sat = sam.
contact-day-sun = dim.
article-helpful = Cet article vous a-t-il été utile ?
contact-us = Nous contacter
