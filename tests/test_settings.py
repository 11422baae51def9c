"""The settings module: typed environment helpers, production safety, and what the
whole site promises on every response (CSP, language prefixes).

Settings that depend on how the process starts are checked in a subprocess with a
clean environment: under pytest the settings module knows it is being tested
(`"pytest" in sys.modules`) and relaxes SECRET_KEY, ALLOWED_HOSTS and Celery.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from ogp_portal import settings as portal_settings

REPO_ROOT = portal_settings.BASE_DIR

# Only what a process needs to start; nothing from the developer's or CI's shell
# (DATABASE_URL, REDIS_URL, DEBUG...) leaks into the subprocess.
_BASE_ENV = {
    key: os.environ[key]
    for key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    if key in os.environ
}


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        **_BASE_ENV,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "portal.example.ma",
        "CSRF_TRUSTED_ORIGINS": "https://portal.example.ma",
    }
    env.update(extra)
    return env


def _run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings_value(expression: str, env: dict[str, str]):
    """Evaluate `expression` (with `settings` the portal's settings module) in a fresh process."""
    code = f"import json\nimport ogp_portal.settings as settings\nprint(json.dumps({expression}))"
    result = _run_python(code, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- env_bool -----------------------------------------------------------------


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "on", " on "])
def test_env_bool_reads_the_usual_spellings_of_true(monkeypatch, raw):
    monkeypatch.setenv("OGP_TEST_FLAG", raw)
    assert portal_settings.env_bool("OGP_TEST_FLAG", default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "NO", "off", ""])
def test_env_bool_reads_the_usual_spellings_of_false_and_empty_as_false(monkeypatch, raw):
    monkeypatch.setenv("OGP_TEST_FLAG", raw)
    assert portal_settings.env_bool("OGP_TEST_FLAG", default=True) is False


def test_env_bool_falls_back_to_the_default_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv("OGP_TEST_FLAG", raising=False)
    assert portal_settings.env_bool("OGP_TEST_FLAG", default=True) is True
    assert portal_settings.env_bool("OGP_TEST_FLAG", default=False) is False


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled", "tru"])
def test_env_bool_refuses_anything_else_and_names_the_variable_and_the_value(monkeypatch, raw):
    monkeypatch.setenv("OGP_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        portal_settings.env_bool("OGP_TEST_FLAG")
    message = str(excinfo.value)
    assert "OGP_TEST_FLAG" in message
    assert repr(raw) in message
    assert "boolean" in message


# --- env_int ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("42", 42), ("-3", -3), (" 600 ", 600)])
def test_env_int_parses_integers(monkeypatch, raw, expected):
    monkeypatch.setenv("OGP_TEST_NUMBER", raw)
    assert portal_settings.env_int("OGP_TEST_NUMBER", 7) == expected


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_env_int_falls_back_to_the_default_when_unset_or_blank(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("OGP_TEST_NUMBER", raising=False)
    else:
        monkeypatch.setenv("OGP_TEST_NUMBER", raw)
    assert portal_settings.env_int("OGP_TEST_NUMBER", 7) == 7


@pytest.mark.parametrize("raw", ["ten", "1.5", "8h", "0x10"])
def test_env_int_refuses_a_non_integer_and_names_the_variable_and_the_value(monkeypatch, raw):
    monkeypatch.setenv("OGP_TEST_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        portal_settings.env_int("OGP_TEST_NUMBER", 7)
    message = str(excinfo.value)
    assert "OGP_TEST_NUMBER" in message
    assert repr(raw) in message
    assert "integer" in message


# --- env_list -----------------------------------------------------------------


def test_env_list_splits_on_commas_and_trims_spaces(monkeypatch):
    monkeypatch.setenv(
        "OGP_TEST_HOSTS", " portal.example.ma , www.portal.example.ma,admin.example.ma "
    )
    assert portal_settings.env_list("OGP_TEST_HOSTS") == [
        "portal.example.ma",
        "www.portal.example.ma",
        "admin.example.ma",
    ]


def test_env_list_drops_empty_items_from_stray_commas(monkeypatch):
    monkeypatch.setenv("OGP_TEST_HOSTS", ",portal.example.ma,, ,")
    assert portal_settings.env_list("OGP_TEST_HOSTS") == ["portal.example.ma"]


def test_env_list_set_but_empty_means_an_empty_list_not_the_default(monkeypatch):
    monkeypatch.setenv("OGP_TEST_HOSTS", "")
    assert portal_settings.env_list("OGP_TEST_HOSTS", ["localhost"]) == []


def test_env_list_falls_back_to_a_copy_of_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("OGP_TEST_HOSTS", raising=False)
    default = ["localhost"]
    value = portal_settings.env_list("OGP_TEST_HOSTS", default)
    assert value == ["localhost"]
    value.append("changed")
    assert default == ["localhost"], "the caller's default list must not be shared"
    assert portal_settings.env_list("OGP_TEST_HOSTS") == []


# --- start-up in production ---------------------------------------------------


def test_importing_settings_with_debug_off_and_no_secret_key_fails_loudly():
    env = {**_BASE_ENV, "DEBUG": "0"}
    result = _run_python("import ogp_portal.settings", env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_importing_settings_with_a_malformed_boolean_fails_loudly_naming_the_variable():
    env = _production_env(SECURE_SSL_REDIRECT="perhaps")
    result = _run_python("import ogp_portal.settings", env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECURE_SSL_REDIRECT must be a boolean" in result.stderr
    assert "'perhaps'" in result.stderr


def test_importing_settings_with_a_malformed_integer_fails_loudly_naming_the_variable():
    env = _production_env(SESSION_COOKIE_AGE="eight hours")
    result = _run_python("import ogp_portal.settings", env)
    assert result.returncode != 0
    assert "SESSION_COOKIE_AGE must be an integer" in result.stderr


def test_production_settings_pass_the_deployment_checklist_without_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO_ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "ERRORS" not in output
    assert "System check identified no issues" in output


def test_production_settings_are_secure_by_default():
    values = _settings_value(
        "{k: getattr(settings, k) for k in ('DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE',"
        " 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'ALLOWED_HOSTS', 'CSRF_TRUSTED_ORIGINS')}",
        _production_env(),
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["ALLOWED_HOSTS"] == ["portal.example.ma"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://portal.example.ma"]


def test_production_without_allowed_hosts_allows_no_host():
    env = _production_env()
    del env["ALLOWED_HOSTS"]
    assert _settings_value("settings.ALLOWED_HOSTS", env) == []


def test_behind_a_tls_proxy_the_forwarded_protocol_header_is_trusted():
    env = _production_env(BEHIND_TLS_PROXY="1")
    assert _settings_value("list(settings.SECURE_PROXY_SSL_HEADER)", env) == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_without_a_tls_proxy_the_forwarded_protocol_header_is_not_trusted():
    env = _production_env()
    assert _settings_value("hasattr(settings, 'SECURE_PROXY_SSL_HEADER')", env) is False


# --- database -----------------------------------------------------------------


def test_database_url_selects_postgresql():
    env = _production_env(DATABASE_URL="postgres://ogp:s3cret@db.internal:5433/ogp_portal")
    database = _settings_value(
        "{k: settings.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'HOST', 'PORT', 'USER')}"
        " | {'IS_POSTGRES': settings.IS_POSTGRES}",
        env,
    )
    assert database == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "ogp_portal",
        "HOST": "db.internal",
        "PORT": 5433,
        "USER": "ogp",
        "IS_POSTGRES": True,
    }


def test_without_database_url_the_embedded_default_is_sqlite_in_the_project_folder():
    database = _settings_value(
        "{'ENGINE': settings.DATABASES['default']['ENGINE'], 'NAME': str(settings.DATABASES['default']['NAME'])}",
        _production_env(),
    )
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(REPO_ROOT / "db.sqlite3")


# --- Celery ---------------------------------------------------------------------


def test_celery_runs_tasks_eagerly_when_no_broker_is_configured():
    assert _settings_value("settings.CELERY_TASK_ALWAYS_EAGER", _production_env()) is True


def test_celery_uses_the_broker_when_one_is_configured():
    env = _production_env(CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    values = _settings_value(
        "[settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL]",
        env,
    )
    assert values == [False, "redis://127.0.0.1:6379/0"]


def test_celery_falls_back_to_redis_url_as_its_broker():
    env = _production_env(REDIS_URL="redis://127.0.0.1:6379/3")
    values = _settings_value(
        "[settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL, settings.CACHES['default']['BACKEND']]",
        env,
    )
    assert values == [
        False,
        "redis://127.0.0.1:6379/3",
        "django.core.cache.backends.redis.RedisCache",
    ]


def test_celery_is_eager_under_pytest_even_with_a_broker():
    # The settings module detects pytest by `"pytest" in sys.modules`: tests never need a worker.
    env = _production_env(CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    code = (
        "import json, pytest\n"
        "import ogp_portal.settings as settings\n"
        "print(json.dumps([settings.TESTING, settings.CELERY_TASK_ALWAYS_EAGER]))"
    )
    result = _run_python(code, env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [True, True]


def test_this_test_process_runs_celery_tasks_eagerly_and_propagates_their_errors():
    from django.conf import settings

    assert portal_settings.TESTING is True
    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert settings.CELERY_TASK_EAGER_PROPAGATES is True


# --- every response -------------------------------------------------------------


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_limited_to_the_site_itself(client):
    response = client.get("/ar/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {
        part.strip().split()[0]: part.strip().split()[1:]
        for part in policy.split(";")
        if part.strip()
    }
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_pages_forbid_framing_and_sniffing(client):
    response = client.get("/ar/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_root_redirects_to_the_arabic_home_page_by_default(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
def test_the_root_follows_the_browsers_language_when_it_is_offered(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_each_language_prefix_serves_the_home_page_in_that_language(client, prefix, direction):
    response = client.get(f"/{prefix}/")
    assert response.status_code == 200
    assert response["Content-Language"] == prefix
    html = response.content.decode()
    assert f'lang="{prefix}"' in html
    assert f'dir="{direction}"' in html


@pytest.mark.django_db
def test_healthz_answers_outside_the_language_prefixes(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_makemigrations_check_runs_in_a_bare_checkout_without_a_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
