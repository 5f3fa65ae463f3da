"""`wijkkompas open` (make open): the built site on 127.0.0.1, deep links included; stops cleanly."""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest


@pytest.mark.slow
def test_open_serves_the_built_site_and_stops_on_sigterm(built_site: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(built_site.parent), "open", "--poort", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("De site staat op http://127.0.0.1:"), line
        url = line.split()[4]
        assert url.endswith("/wijkkompas/"), url  # the path of site_url, as on the public host
        for path in ("", "casussen/zorgvrijstaat/", "hulp-bij-kiezen/", "zoekindex/index.js"):
            with urllib.request.urlopen(url + path, timeout=10) as response:
                assert response.status == 200, path
        # The root leads to the site; a deep link without its trailing slash too.
        root = url.removesuffix("wijkkompas/")
        with urllib.request.urlopen(root, timeout=10) as response:
            assert response.geturl() == url
        with urllib.request.urlopen(url + "casussen/zorgvrijstaat", timeout=10) as response:
            assert response.geturl() == url + "casussen/zorgvrijstaat/"
        # An address that does not exist gets the site's own 404 page, styled from the site's path.
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "bestaat-niet/", timeout=10)
        assert missing.value.code == 404
        page = missing.value.read().decode("utf-8")
        assert "Deze pagina bestaat niet" in page and 'href="/wijkkompas/assets/stylesheets/' in page
        # Text is compressed as a static host compresses it.
        request = urllib.request.Request(url + "casussen/zorgvrijstaat/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert b"<!doctype html>" in gzip.decompress(response.read())
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)


def test_open_without_a_site_says_how_to_build_one(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(tmp_path), "open"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode != 0 and "make site" in done.stderr
