# 默认主题的界面文字（简体中文）。
# 每种语言的消息 ID 都相同；缺少的消息 kbgen 会发出警告。

site-title = 交易平台帮助中心
skip-to-content = 跳至主要内容
nav-label = 帮助主题
breadcrumb-label = 面包屑导航
home = 首页
language-switcher = 语言
categories-heading = 浏览帮助主题
article-count = { $count } 篇文章
on-this-page = 本页内容
related-articles = 相关文章
updated = 最后更新：
# $language：读者的语言；$original：当前显示文本所用的语言。
fallback-notice = 此页面暂无{ $language }版本，当前显示的是原文（{ $original }）。
fallback-read-original = 打开原始页面
outdated-notice = 此译文可能已过时：原文（{ $original }）在翻译后已有更新。
outdated-read-original = 阅读最新原文（{ $original }）
outdated-changed = 翻译之后有改动的段落：
not-found-title = 找不到页面
not-found-text = 我们找不到此页面。该页面可能已被移动或删除。
not-found-home = 返回帮助中心首页
choose-language = 选择您的语言
sidebar-all = 全部文章（{ $count }）
