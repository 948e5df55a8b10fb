# The page left at an old URL (front matter `aliases:`).
moved-title = Diese Seite ist umgezogen
moved-notice = Diese Seite ist umgezogen nach:
