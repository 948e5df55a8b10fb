# Search box, search page and answer card.

search-label = Search the help center
search-placeholder = Search for answers
search-button = Search
search-page-title = Search
# Announced in a polite live region; { $count } is a number.
search-results = Results: { $count }
search-results-for = Results for “{ $query }”
search-no-results = No results for “{ $query }”.
# $language: the name of the language the results are in.
search-fallback = Nothing found in your language. These results are in { $language }.
search-more = More results
search-needs-js = Search needs JavaScript. You can browse the help topics instead:
answer-title = Suggested answer
answer-helpful = Was this helpful?
answer-yes = Yes
answer-no = No
answer-thanks = Thank you for your feedback.
still-need-help = Still need help?
talk-to-support = Talk to customer support
