# 联系流程（/<locale>/contact/）、文章页脚和联系渠道表。

contact-page-title = 联系客服
contact-intro = 请告诉我们您的问题与什么有关。我们会为您推荐可能有帮助的文章，并为您显示联系客服团队的最佳方式。
contact-step-topic = 您的问题与什么有关？
contact-about-order = 某个订单或拍品
contact-about-general = 一般性问题
contact-topic-label = 主题
contact-topic-order = 订单或拍品
contact-topic-payment = 付款
contact-topic-shipping = 发货与配送
contact-topic-dispute = 纠纷
contact-topic-account = 我的账户
contact-topic-general = 其他问题
contact-order-label = 订单号
contact-order-hint = 您可以在“订单”页面找到订单号。
contact-orders-page = 与订单有关的问题，也可以从“订单”页面开始：选择相应拍品，然后点击“获取帮助”。
contact-step-question = 描述您的问题
contact-question-label = 您的问题
contact-question-hint = 简单几句话即可。请勿填写密码或银行卡信息。
contact-suggest = 查找答案
contact-suggestions = 可能有帮助的文章
contact-no-suggestions = 未找到相关文章。
contact-step-support = 仍需帮助？联系客服
contact-best = 为您推荐
contact-open-now = 现在可用
# $time：读者所在时区的时间（如果不是今天，则带星期）。
contact-opens-at = { $time } 起可用（您的当地时间）
contact-always-open = 随时可用
# $zone：以本语言的城市名表示的时区，例如 阿姆斯特丹。
contact-hours-zone = 时区：{ $zone }
# $dates：日期列表。
contact-closed-on = 以下日期不提供服务：{ $dates }
contact-channel-email = 邮件
contact-channel-chat = 在线客服
contact-channel-phone = 电话
contact-chat-start = 开始在线咨询
# $number：电话号码。
contact-phone-call = 拨打 { $number }
contact-email-intro = 我们会通过邮件回复您。我们不提供直接的客服邮箱地址，请使用此表单。
contact-email-label = 您的邮箱地址
contact-email-send = 提交问题
contact-errors = 请更正以下内容：
contact-error-email = 请输入您的邮箱地址，例如 name@example.com。
contact-error-question = 请描述您的问题。
contact-error-order = 请输入订单号。
contact-table-channel = 渠道
contact-table-languages = 语言
contact-table-hours = 服务时间
contact-day-mon = 周一
contact-day-tue = 周二
contact-day-wed = 周三
contact-day-thu = 周四
contact-day-fri = 周五
contact-day-sat = 周六
contact-day-sun = 周日
article-helpful = 这篇文章对您有帮助吗？
contact-us = 联系我们
