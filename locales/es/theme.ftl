# La portada (buscador destacado, artículos populares) y el «¿Qué ha fallado?» del pie de artículo.

hero-title = ¿Cómo podemos ayudarte?
popular-articles = Artículos populares
not-found-search = Busca lo que necesitabas o empieza por uno de estos temas.
feedback-why = ¿Qué ha fallado?
feedback-reason-unclear = Es difícil de entender
feedback-reason-outdated = Está desactualizado o es incorrecto
feedback-reason-unanswered = No responde a mi pregunta
feedback-reason-other = Otro motivo
feedback-sorry = Gracias. Nuestro equipo de atención al cliente puede ayudarte con esto.
feedback-sorry-no-contact = Gracias. Usaremos tu opinión para mejorar este artículo.
contact-from-article = El artículo que estabas leyendo
contact-feedback-reason = Qué ha fallado:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Continuar
