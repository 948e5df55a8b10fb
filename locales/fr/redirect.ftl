# The page left at an old URL (front matter `aliases:`).
moved-title = Cette page a été déplacée
moved-notice = Cette page a été déplacée vers :
