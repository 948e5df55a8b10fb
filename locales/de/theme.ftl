# Die Startseite (große Suche, beliebte Artikel) und „Was hat nicht gepasst?“ unter Artikeln.

hero-title = Wie können wir helfen?
popular-articles = Beliebte Artikel
not-found-search = Suchen Sie, was Sie gesucht haben, oder beginnen Sie bei einem der Themen unten.
feedback-why = Was hat nicht gepasst?
feedback-reason-unclear = Er war schwer zu verstehen
feedback-reason-outdated = Er ist veraltet oder falsch
feedback-reason-unanswered = Er hat meine Frage nicht beantwortet
feedback-reason-other = Etwas anderes
feedback-sorry = Danke. Unser Kundenservice hilft Ihnen gern weiter.
feedback-sorry-no-contact = Danke. Wir nutzen Ihr Feedback, um diesen Artikel zu verbessern.
contact-from-article = Der Artikel, den Sie gelesen haben
contact-feedback-reason = Was nicht gepasst hat:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Weiter
