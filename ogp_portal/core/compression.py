"""Gzip for public pages that hold no secret.

HTML compressed next to a secret and text an attacker can make the page echo leaks the secret
to anyone who can watch response sizes (BREACH). So only pages that carry no secret are
compressed: anonymous GET requests whose body has no CSRF token and that set no cookie (the
public pages, since the language switcher is made of links). Forms, the admin and signed-in
pages stay uncompressed; static files are compressed by whitenoise ahead of time.
"""

from django.middleware.gzip import GZipMiddleware


class PublicPagesGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (
            request.method not in ("GET", "HEAD")
            or (user is not None and user.is_authenticated)
            or response.cookies
            or response.streaming
            or b"csrfmiddlewaretoken" in response.content
        ):
            return response
        return super().process_response(request, response)
