from django.test import RequestFactory

from ogp_portal.core.clientip import client_ip


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_remote_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.9")) == "10.0.0.5"


def test_behind_one_proxy_the_last_forwarded_address_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "1.2.3.4" itself; the proxy appended what it saw.
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies_the_second_from_the_right(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request(forwarded="1.2.3.4, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


def test_a_missing_or_garbled_header_falls_back_to_the_remote_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request()) == "10.0.0.5"
    assert client_ip(request(forwarded="not-an-ip")) == "10.0.0.5"
    assert client_ip(request(forwarded="2001:db8::1")) == "2001:db8::1"
