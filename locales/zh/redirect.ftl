# The page left at an old URL (front matter `aliases:`).
moved-title = 此页面已移动
moved-notice = 此页面已移至：
