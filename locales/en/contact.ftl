# The contact flow (/<locale>/contact/), the article footer and the channel table.

contact-page-title = Contact customer support
contact-intro = Tell us what your question is about. We'll suggest articles that may answer it, and show you the best way to reach our team.
contact-step-topic = What is it about?
contact-about-order = A specific order or item
contact-about-general = A general question
contact-topic-label = Topic
contact-topic-order = An order or item
contact-topic-payment = Payment
contact-topic-shipping = Shipping and delivery
contact-topic-dispute = A dispute
contact-topic-account = My account
contact-topic-general = Something else
contact-order-label = Order number
contact-order-hint = You'll find it on your Orders page.
contact-orders-page = Questions about an order can also start from your Orders page: select the item and choose “Get support”.
contact-step-question = Describe your question
contact-question-label = Your question
contact-question-hint = A few sentences are enough. Please don't include passwords or card details.
contact-suggest = Find answers
contact-suggestions = Articles that may help
contact-no-suggestions = We found no matching articles.
contact-step-support = Still need help? Talk to customer support
contact-best = Recommended for you
contact-open-now = Open now
# $time: a time (with a weekday when it is not today) in the reader's time zone.
contact-opens-at = Opens at { $time } (your time)
contact-always-open = Always available
# $zone: the time zone by its city in this language, such as Amsterdam.
contact-hours-zone = Times are { $zone } time
# $dates: a list of dates.
contact-closed-on = Closed on { $dates }
contact-channel-email = E-mail
contact-channel-chat = Live chat
contact-channel-phone = Phone
contact-chat-start = Start a chat
# $number: a phone number.
contact-phone-call = Call { $number }
contact-email-intro = We reply by e-mail. There is no direct e-mail address: please use this form.
contact-email-label = Your e-mail address
contact-email-send = Send your question
contact-errors = Please correct the following:
contact-error-email = Enter your e-mail address, for example name@example.com.
contact-error-question = Describe your question.
contact-error-order = Enter the order number.
contact-table-channel = Channel
contact-table-languages = Languages
contact-table-hours = Hours
contact-day-mon = Mon
contact-day-tue = Tue
contact-day-wed = Wed
contact-day-thu = Thu
contact-day-fri = Fri
contact-day-sat = Sat
contact-day-sun = Sun
article-helpful = Was this article helpful?
contact-us = Contact us
