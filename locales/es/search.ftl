# Cuadro de búsqueda, página de búsqueda y tarjeta de respuesta.

search-label = Buscar en el centro de ayuda
search-placeholder = Buscar respuestas
search-button = Buscar
search-page-title = Búsqueda
# Se anuncia en una región activa de cortesía (polite live region); { $count } es un número.
search-results = Resultados: { $count }
search-results-for = Resultados para «{ $query }»
search-no-results = No hay resultados para «{ $query }».
# $language: el nombre del idioma en el que están los resultados.
search-fallback = No hemos encontrado nada en tu idioma. Estos resultados están en otro idioma ({ $language }).
search-more = Más resultados
search-needs-js = La búsqueda necesita JavaScript. Mientras tanto, puedes explorar los temas de ayuda:
answer-title = Respuesta sugerida
answer-helpful = ¿Te ha resultado útil esta respuesta?
answer-yes = Sí
answer-no = No
answer-thanks = Gracias por tu opinión.
still-need-help = ¿Sigues necesitando ayuda?
talk-to-support = Hablar con atención al cliente
