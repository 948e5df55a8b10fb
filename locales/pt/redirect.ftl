# The page left at an old URL (front matter `aliases:`).
moved-title = Esta página foi movida
moved-notice = Esta página foi movida para:
