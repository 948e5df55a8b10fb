# UI strings of the default theme (English, the default locale).
# Every locale has the same message ids; kbgen warns about missing ones.

site-title = Marketplace Help Center
skip-to-content = Skip to main content
nav-label = Help topics
breadcrumb-label = Breadcrumb
home = Home
language-switcher = Language
categories-heading = Browse help topics
article-count =
    { $count ->
        [one] { $count } article
       *[other] { $count } articles
    }
on-this-page = On this page
related-articles = Related articles
updated = Last updated:
# $language: the reader's language; $original: the language the text is shown in.
fallback-notice = This page is not yet available in { $language }. It is shown in { $original }.
fallback-read-original = Open the original page
# $original: the default locale's name; shown on a translation whose source changed.
outdated-notice = This translation may be out of date: the original ({ $original }) has changed since it was translated.
outdated-read-original = Read the current original ({ $original })
outdated-changed = Changed since it was translated:
not-found-title = Page not found
not-found-text = We couldn't find this page. It may have moved or been removed.
not-found-home = Go to the help center home page
choose-language = Choose your language
# An article's sidebar lists only some of its category's articles: the link
# to the category, with how many it has.
sidebar-all = All articles ({ $count })
