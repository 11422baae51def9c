"""The caching proxy of the compose stack (deploy/nginx/portal.conf.template) stays in step
with the portal: every placeholder is supplied, and requests that carry the session cookie
Django actually uses are never served from, nor stored in, the cache."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf.template"


def compose_proxy():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["proxy"]


def test_compose_supplies_every_placeholder_and_mounts_the_template():
    proxy = compose_proxy()
    placeholders = set(re.findall(r"\$\{([A-Z_]+)\}", TEMPLATE.read_text()))
    assert placeholders == {"PORTAL_UPSTREAM", "PROXY_LISTEN", "PROXY_CACHE_PATH"}
    assert placeholders <= set(proxy["environment"])
    # The image's envsubst filter lets exactly these through (nginx's own $variables stay).
    pattern = re.compile(proxy["environment"]["NGINX_ENVSUBST_FILTER"])
    assert all(pattern.search(name) for name in placeholders)
    assert not pattern.search("HOSTNAME") and not pattern.search("PATH")
    mounts = [v.split(":")[1] for v in proxy["volumes"]]
    assert "/etc/nginx/templates/portal.conf.template" in mounts
    assert proxy["environment"]["PORTAL_UPSTREAM"] == "web:8000"


def test_session_requests_bypass_the_cache_under_the_cookie_name_django_uses():
    text = TEMPLATE.read_text()
    session = f"$cookie_{settings.SESSION_COOKIE_NAME}"
    messages = f"$cookie_{getattr(settings, 'MESSAGE_COOKIE_NAME', 'messages')}"
    for directive in ("proxy_cache_bypass", "proxy_no_cache"):
        assert f"{directive} {session} $http_authorization {messages};" in text
    # Only reads are cached; nothing forces caching of responses that do not ask for it.
    assert "proxy_cache_methods GET HEAD;" in text
    assert "proxy_cache_valid" not in text
    assert "proxy_ignore_headers" not in text
    # A cache lock would serialise concurrent requests for pages that are never stored.
    assert "proxy_cache_lock" not in text.replace("# No proxy_cache_lock", "")


def test_web_is_reached_only_through_the_proxy():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert "ports" not in services["web"]
    assert services["proxy"]["ports"]
    assert services["web"]["environment"]["TRUSTED_PROXY_COUNT"].endswith(":-2}")


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed here")
def test_the_rendered_template_is_valid_nginx(tmp_path):
    values = {
        "PORTAL_UPSTREAM": "127.0.0.1:8001",
        "PROXY_LISTEN": "127.0.0.1:18080",
        "PROXY_CACHE_PATH": str(tmp_path / "cache"),
    }
    site = re.sub(r"\$\{([A-Z_]+)\}", lambda m: values[m.group(1)], TEMPLATE.read_text())
    (tmp_path / "portal.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'}; error_log {tmp_path / 'error.log'};\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n"
        f"include {tmp_path / 'portal.conf'}; }}\n"
    )
    result = subprocess.run(  # noqa: S603
        [shutil.which("nginx"), "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
