# The page left at an old URL (front matter `aliases:`).
moved-title = Questa pagina è stata spostata
moved-notice = Questa pagina è stata spostata in:
