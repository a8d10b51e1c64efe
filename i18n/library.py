"""The libraries' own English messages that reach a person, translated like ours.

marshmallow, webargs, werkzeug and json hand us finished English sentences; each template below is
the library's, `{name}` standing for what it fills in, so `translate_library` can match a
sentence, keep its values and put them into the Chinese. `make messages` extracts these
(keyword `library_message`) into the catalogue with every `Text`.
"""

from __future__ import annotations


def library_message(template: str) -> str:
    """Marks a library's template for extraction; the value is the template itself."""
    return template


TEMPLATES = (
    # marshmallow's fields
    library_message("Missing data for required field."),
    library_message("Field may not be null."),
    library_message("Invalid value."),
    library_message("Invalid type."),
    library_message("Invalid input."),
    library_message("Not a valid list."),
    library_message("Not a valid string."),
    library_message("Not a valid utf-8 string."),
    library_message("Not a valid UUID."),
    library_message("Not a valid number."),
    library_message("Not a valid integer."),
    library_message("Number too large."),
    library_message("Special numeric values (nan or infinity) are not permitted."),
    library_message("Not a valid boolean."),
    library_message("Not a valid date."),
    library_message("Not a valid datetime."),
    library_message("Not a valid mapping type."),
    # marshmallow's validators
    library_message("Must be one of: {choices}."),
    library_message("Length must be between {min} and {max}."),
    library_message("Length must be {equal}."),
    library_message("Shorter than minimum length {min}."),
    library_message("Longer than maximum length {max}."),
    library_message("Must be greater than or equal to {min} and less than or equal to {max}."),
    library_message("Must be greater than or equal to {min}."),
    library_message("Must be less than or equal to {max}."),
    library_message("Must be greater than {min}."),
    library_message("Must be less than {max}."),
    library_message("String does not match expected pattern."),
    # webargs
    library_message("Unknown field."),
    library_message("Invalid input type."),
    # json's decoder: the reason a body is not valid JSON
    library_message("Expecting value"),
    library_message("Expecting property name enclosed in double quotes"),
    library_message("Expecting ':' delimiter"),
    library_message("Expecting ',' delimiter"),
    library_message("Extra data"),
    library_message("Unterminated string starting at"),
    library_message("Invalid control character at"),
    library_message("Invalid \\escape"),
    library_message("Invalid \\uXXXX escape"),
    # werkzeug's descriptions of the HTTP errors
    library_message("The browser (or proxy) sent a request that this server could not understand."),
    library_message("The requested URL was not found on the server. If you entered the URL manually "
                    "please check your spelling and try again."),
    library_message("The method is not allowed for the requested URL."),
    library_message("The data value transmitted exceeds the capacity limit."),
    library_message("The server does not support the media type transmitted in the request."),
    library_message("This user has exceeded an allotted request count. Try again later."),
    library_message("The server encountered an internal error and was unable to complete your request. "
                    "Either the server is overloaded or there is an error in the application."),
)
