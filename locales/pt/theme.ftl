# A página inicial (pesquisa em destaque, artigos populares) e o «O que correu mal?» dos artigos.

hero-title = Como podemos ajudar?
popular-articles = Artigos populares
not-found-search = Pesquise o que procurava ou comece por um dos temas abaixo.
feedback-why = O que correu mal?
feedback-reason-unclear = Era difícil de compreender
feedback-reason-outdated = Está desatualizado ou errado
feedback-reason-unanswered = Não respondeu à minha pergunta
feedback-reason-other = Outro motivo
feedback-sorry = Obrigado. A nossa equipa de apoio pode ajudar.
feedback-sorry-no-contact = Obrigado. Vamos usar a sua opinião para melhorar este artigo.
contact-from-article = O artigo que estava a ler
contact-feedback-reason = O que correu mal:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Continuar
