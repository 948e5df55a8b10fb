# L'accueil (recherche mise en avant, articles populaires) et le « Qu'est-ce qui n'allait pas ? » des articles.

hero-title = Comment pouvons-nous vous aider ?
popular-articles = Articles populaires
not-found-search = Recherchez ce que vous cherchiez ou commencez par l'un des thèmes ci-dessous.
feedback-why = Qu'est-ce qui n'allait pas ?
feedback-reason-unclear = C'était difficile à comprendre
feedback-reason-outdated = C'est obsolète ou inexact
feedback-reason-unanswered = Cela n'a pas répondu à ma question
feedback-reason-other = Autre chose
feedback-sorry = Merci. Notre service client peut vous aider.
feedback-sorry-no-contact = Merci. Votre avis nous aidera à améliorer cet article.
contact-from-article = L'article que vous lisiez
contact-feedback-reason = Ce qui n'allait pas :
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Continuer
