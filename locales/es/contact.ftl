# El flujo de contacto (/<locale>/contact/), el pie de los artículos y la tabla de canales.

contact-page-title = Contactar con atención al cliente
contact-intro = Cuéntanos de qué trata tu pregunta. Te sugeriremos artículos que pueden responderla y te mostraremos la mejor forma de contactar con nuestro equipo.
contact-step-topic = ¿Sobre qué es tu consulta?
contact-about-order = Un pedido o artículo concreto
contact-about-general = Una pregunta general
contact-topic-label = Tema
contact-topic-order = Un pedido o artículo
contact-topic-payment = Pago
contact-topic-shipping = Envío y entrega
contact-topic-dispute = Una disputa
contact-topic-account = Mi cuenta
contact-topic-general = Otra cosa
contact-order-label = Número de pedido
contact-order-hint = Lo encontrarás en tu página Pedidos.
contact-orders-page = Las preguntas sobre un pedido también pueden empezar desde tu página Pedidos: selecciona el artículo y elige «Obtener ayuda».
contact-step-question = Describe tu pregunta
contact-question-label = Tu pregunta
contact-question-hint = Bastan unas pocas frases. No incluyas contraseñas ni datos de tarjetas.
contact-suggest = Buscar respuestas
contact-suggestions = Artículos que pueden ayudarte
contact-no-suggestions = No hemos encontrado artículos relacionados.
contact-step-support = ¿Aún necesitas ayuda? Habla con atención al cliente
contact-best = Recomendado para ti
contact-open-now = Disponible ahora
# $time: una hora (con el día de la semana si no es hoy) en la zona horaria del lector.
contact-opens-at = Disponible a las { $time } (tu hora)
contact-always-open = Siempre disponible
# $zone: la zona horaria por su ciudad en este idioma, p. ej. Ámsterdam.
contact-hours-zone = Horario de { $zone }
# $dates: una lista de fechas.
contact-closed-on = Cerrado el { $dates }
contact-channel-email = Correo electrónico
contact-channel-chat = Chat en directo
contact-channel-phone = Teléfono
contact-chat-start = Iniciar un chat
# $number: un número de teléfono.
contact-phone-call = Llamar al { $number }
contact-email-intro = Te responderemos por correo electrónico. No hay una dirección de correo directa: usa este formulario.
contact-email-label = Tu dirección de correo electrónico
contact-email-send = Enviar tu pregunta
contact-errors = Corrige lo siguiente:
contact-error-email = Introduce tu dirección de correo electrónico, por ejemplo nombre@ejemplo.com.
contact-error-question = Describe tu pregunta.
contact-error-order = Introduce el número de pedido.
contact-table-channel = Canal
contact-table-languages = Idiomas
contact-table-hours = Horario
contact-day-mon = lun
contact-day-tue = mar
contact-day-wed = mié
contact-day-thu = jue
contact-day-fri = vie
contact-day-sat = sáb
contact-day-sun = dom
article-helpful = ¿Te ha resultado útil este artículo?
contact-us = Contacta con nosotros
