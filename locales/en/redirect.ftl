# The page left at an old URL (front matter `aliases:`).
moved-title = This page has moved
moved-notice = This page has moved to:
