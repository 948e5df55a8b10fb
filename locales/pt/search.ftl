# Caixa de pesquisa, página de pesquisa e cartão de resposta.

search-label = Pesquisar no centro de ajuda
search-placeholder = Pesquisar respostas
search-button = Pesquisar
search-page-title = Pesquisa
# Anunciado numa região dinâmica (polite live region); { $count } é um número.
search-results = Resultados: { $count }
search-results-for = Resultados para «{ $query }»
search-no-results = Sem resultados para «{ $query }».
# $language: o nome do idioma em que os resultados estão.
search-fallback = Não encontrámos nada no seu idioma. Estes resultados estão noutro idioma ({ $language }).
search-more = Mais resultados
search-needs-js = A pesquisa requer JavaScript. Em alternativa, pode explorar os tópicos de ajuda:
answer-title = Resposta sugerida
answer-helpful = Esta resposta foi útil?
answer-yes = Sim
answer-no = Não
answer-thanks = Obrigado pela sua opinião.
still-need-help = Ainda precisa de ajuda?
talk-to-support = Falar com o apoio ao cliente
