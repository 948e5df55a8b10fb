# Textes de l’interface du thème par défaut (français).
# Toutes les langues ont les mêmes identifiants de message ; kbgen signale ceux qui manquent.

site-title = Centre d’aide de la marketplace
skip-to-content = Aller au contenu principal
nav-label = Rubriques d’aide
breadcrumb-label = Fil d’Ariane
home = Accueil
language-switcher = Langue
categories-heading = Parcourir les rubriques d’aide
article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
on-this-page = Sur cette page
related-articles = Articles associés
updated = Dernière mise à jour :
# $language : la langue du lecteur ; $original : la langue dans laquelle le texte est affiché.
fallback-notice = Cette page n’est pas encore disponible dans votre langue ({ $language }). Elle est affichée dans sa version originale ({ $original }).
fallback-read-original = Ouvrir la page originale
outdated-notice = Cette traduction n’est peut-être plus à jour : l’original ({ $original }) a changé depuis sa traduction.
outdated-read-original = Lire l’original actuel ({ $original })
outdated-changed = Modifié depuis la traduction :
not-found-title = Page introuvable
not-found-text = Nous n’avons pas trouvé cette page. Elle a peut-être été déplacée ou supprimée.
not-found-home = Aller à l’accueil du centre d’aide
choose-language = Choisissez votre langue
sidebar-all = Tous les articles ({ $count })
