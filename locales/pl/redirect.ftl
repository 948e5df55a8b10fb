# The page left at an old URL (front matter `aliases:`).
moved-title = Ta strona została przeniesiona
moved-notice = Ta strona została przeniesiona do:
