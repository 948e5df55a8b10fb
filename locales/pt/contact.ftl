# O fluxo de contato (/<locale>/contact/), o rodapé dos artigos e a tabela de canais.

contact-page-title = Fale com o atendimento ao cliente
contact-intro = Conte para nós do que se trata a sua dúvida. Vamos sugerir artigos que podem respondê-la e mostrar a melhor forma de falar com a nossa equipe.
contact-step-topic = Do que se trata?
contact-about-order = Um pedido ou item específico
contact-about-general = Uma dúvida geral
contact-topic-label = Assunto
contact-topic-order = Um pedido ou item
contact-topic-payment = Pagamento
contact-topic-shipping = Envio e entrega
contact-topic-dispute = Uma disputa
contact-topic-account = Minha conta
contact-topic-general = Outro assunto
contact-order-label = Número do pedido
contact-order-hint = Você encontra esse número na página Pedidos.
contact-orders-page = Dúvidas sobre um pedido também podem começar na página Pedidos: selecione o item e escolha “Obter ajuda”.
contact-step-question = Descreva a sua dúvida
contact-question-label = Sua dúvida
contact-question-hint = Algumas frases bastam. Não informe senhas nem dados de cartão.
contact-suggest = Buscar respostas
contact-suggestions = Artigos que podem ajudar
contact-no-suggestions = Não encontramos artigos relacionados.
contact-step-support = Ainda precisa de ajuda? Fale com o atendimento ao cliente
contact-best = Recomendado para você
contact-open-now = Disponível agora
# $time: um horário (com o dia da semana se não for hoje) no fuso horário do leitor.
contact-opens-at = Disponível a partir das { $time } (seu horário)
contact-always-open = Sempre disponível
# $zone: o fuso horário pela sua cidade nesta língua, p. ex. Amesterdão.
contact-hours-zone = Horário de { $zone }
# $dates: uma lista de datas.
contact-closed-on = Fechado em { $dates }
contact-channel-email = E-mail
contact-channel-chat = Chat ao vivo
contact-channel-phone = Telefone
contact-chat-start = Iniciar um chat
# $number: um número de telefone.
contact-phone-call = Ligar para { $number }
contact-email-intro = Respondemos por e-mail. Não há um endereço de e-mail direto: use este formulário.
contact-email-label = Seu endereço de e-mail
contact-email-send = Enviar a sua dúvida
contact-errors = Corrija o seguinte:
contact-error-email = Informe o seu endereço de e-mail, por exemplo nome@exemplo.com.br.
contact-error-question = Descreva a sua dúvida.
contact-error-order = Informe o número do pedido.
contact-table-channel = Canal
contact-table-languages = Idiomas
contact-table-hours = Horários
contact-day-mon = seg.
contact-day-tue = ter.
contact-day-wed = qua.
contact-day-thu = qui.
contact-day-fri = sex.
contact-day-sat = sáb.
contact-day-sun = dom.
article-helpful = Este artigo foi útil?
contact-us = Fale conosco
