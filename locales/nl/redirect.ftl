# The page left at an old URL (front matter `aliases:`).
moved-title = Deze pagina is verplaatst
moved-notice = Deze pagina is verplaatst naar:
