# 搜索框、搜索页面和答案卡片。

search-label = 搜索帮助中心
search-placeholder = 搜索答案
search-button = 搜索
search-page-title = 搜索
# 在 polite 实时区域中播报；{ $count } 为数字。
search-results = 搜索结果：{ $count }
search-results-for = “{ $query }”的搜索结果
search-no-results = 未找到与“{ $query }”相关的结果。
# $language：结果所用语言的名称。
search-fallback = 未找到您所用语言的结果。以下是其他语言（{ $language }）的结果。
search-more = 更多结果
search-needs-js = 搜索功能需要启用 JavaScript。您也可以浏览以下帮助主题：
answer-title = 推荐答案
answer-helpful = 这个答案对您有帮助吗？
answer-yes = 是
answer-no = 否
answer-thanks = 感谢您的反馈。
still-need-help = 仍需帮助？
talk-to-support = 联系客服
