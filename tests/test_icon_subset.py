"""The portal serves a subset of Bootstrap Icons (static/css/icons.css and its font): every
icon the code uses must be in it, or it shows as an empty box."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_script():
    spec = importlib.util.spec_from_file_location("subset_icons", ROOT / "scripts/subset_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_icon_the_code_uses_is_in_the_subset():
    script = load_script()
    known = dict(script.RULE.findall((script.VENDOR / "bootstrap-icons.min.css").read_text()))
    served = (ROOT / "static/css/icons.css").read_text()

    used = {name for name in script.icons_used() if name in known}
    missing = sorted(name for name in used if f".bi-{name}::before" not in served)

    assert used, "no icon found: is the scan looking in the right folders?"
    assert missing == [], f"run scripts/subset_icons.py to add {missing}"
    assert (ROOT / "static/css/fonts/bootstrap-icons-subset.woff2").stat().st_size < 20_000


def test_the_pages_load_the_subset_not_the_whole_icon_font(client, db):
    html = client.get("/fr/").content.decode()
    assert "css/icons.css" in html
    assert "bootstrap-icons.min.css" not in html
