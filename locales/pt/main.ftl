# Textos da interface do tema predefinido (português europeu).
# Todos os idiomas têm os mesmos identificadores de mensagem; o kbgen avisa quando falta algum.

site-title = Centro de ajuda do marketplace
skip-to-content = Saltar para o conteúdo principal
nav-label = Tópicos de ajuda
breadcrumb-label = Trilho de navegação
home = Início
language-switcher = Idioma
categories-heading = Explorar os tópicos de ajuda
article-count =
    { $count ->
        [one] { $count } artigo
       *[other] { $count } artigos
    }
on-this-page = Nesta página
related-articles = Artigos relacionados
updated = Última atualização:
# $language: o idioma do leitor; $original: o idioma em que o texto é apresentado.
fallback-notice = Esta página ainda não está disponível no seu idioma ({ $language }). É apresentada na versão original ({ $original }).
fallback-read-original = Abrir a página original
outdated-notice = Esta tradução pode estar desatualizada: o original ({ $original }) mudou desde que foi traduzido.
outdated-read-original = Ler o original atual ({ $original })
outdated-changed = Alterado desde a tradução:
not-found-title = Página não encontrada
not-found-text = Não conseguimos encontrar esta página. Pode ter sido movida ou removida.
not-found-home = Ir para a página inicial do centro de ajuda
choose-language = Escolha o seu idioma
sidebar-all = Todos os artigos ({ $count })
