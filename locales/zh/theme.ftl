# 首页（大搜索框、热门文章）和文章底部的“哪里有问题？”。

hero-title = 我们能为您做些什么？
popular-articles = 热门文章
not-found-search = 请搜索您要找的内容，或从下面的主题开始。
feedback-why = 哪里有问题？
feedback-reason-unclear = 内容难以理解
feedback-reason-outdated = 内容已过时或有误
feedback-reason-unanswered = 没有解答我的问题
feedback-reason-other = 其他原因
feedback-sorry = 谢谢。我们的客服团队可以帮您解决这个问题。
feedback-sorry-no-contact = 谢谢。我们会根据您的反馈改进这篇文章。
contact-from-article = 您刚才阅读的文章
contact-feedback-reason = 问题所在：
# The contact page: the button that shows its next step (with JavaScript).
contact-next = 继续
