# De startpagina (grote zoekbalk, populaire artikelen) en "Wat ging er mis?" onder artikelen.

hero-title = Waarmee kunnen we je helpen?
popular-articles = Populaire artikelen
not-found-search = Zoek wat je zocht, of begin bij een van de onderwerpen hieronder.
feedback-why = Wat ging er mis?
feedback-reason-unclear = Het was moeilijk te begrijpen
feedback-reason-outdated = Het is verouderd of klopt niet
feedback-reason-unanswered = Het beantwoordde mijn vraag niet
feedback-reason-other = Iets anders
feedback-sorry = Bedankt. Onze klantenservice helpt je graag verder.
feedback-sorry-no-contact = Bedankt. We gebruiken je feedback om dit artikel te verbeteren.
contact-from-article = Het artikel dat je las
contact-feedback-reason = Wat er misging:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Verder
