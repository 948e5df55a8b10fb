# The page left at an old URL (front matter `aliases:`).
moved-title = Esta página se ha trasladado
moved-notice = Esta página se ha trasladado a:
