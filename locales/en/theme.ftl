# The home page's hero, popular articles, and the article footer's "what went wrong".

hero-title = How can we help?
popular-articles = Popular articles
not-found-search = Search for what you were looking for, or start from a topic below.
feedback-why = What went wrong?
feedback-reason-unclear = It was hard to understand
feedback-reason-outdated = It is outdated or wrong
feedback-reason-unanswered = It didn't answer my question
feedback-reason-other = Something else
feedback-sorry = Thank you. Our support team can help you with this.
feedback-sorry-no-contact = Thank you. We will use your feedback to improve this article.
# Shown on the contact page when the reader came from an article's "No" vote.
contact-from-article = The article you were reading
contact-feedback-reason = What went wrong:
# The contact page: the button that shows its next step (with JavaScript).
contact-next = Continue
