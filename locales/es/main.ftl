# Textos de la interfaz del tema predeterminado (español).
# Todas las configuraciones regionales tienen los mismos identificadores de mensaje; kbgen avisa si falta alguno.

site-title = Centro de ayuda del marketplace
skip-to-content = Ir al contenido principal
nav-label = Temas de ayuda
breadcrumb-label = Ruta de navegación
home = Inicio
language-switcher = Idioma
categories-heading = Explora los temas de ayuda
article-count =
    { $count ->
        [one] { $count } artículo
       *[other] { $count } artículos
    }
on-this-page = En esta página
related-articles = Artículos relacionados
updated = Última actualización:
# $language: el idioma del lector; $original: el idioma en el que se muestra el texto.
fallback-notice = Esta página aún no está disponible en tu idioma ({ $language }). Se muestra en su versión original ({ $original }).
fallback-read-original = Abrir la página original
outdated-notice = Es posible que esta traducción no esté actualizada: el original ({ $original }) ha cambiado desde que se tradujo.
outdated-read-original = Leer el original actual ({ $original })
outdated-changed = Ha cambiado desde la traducción:
not-found-title = Página no encontrada
not-found-text = No hemos encontrado esta página. Puede que se haya movido o eliminado.
not-found-home = Ir a la página de inicio del centro de ayuda
choose-language = Elige tu idioma
sidebar-all = Todos los artículos ({ $count })
