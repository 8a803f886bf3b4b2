"""What tests share besides fixtures: where things are, and the sample site's server."""

import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "sample_site"


def _load_sample_server():
    spec = importlib.util.spec_from_file_location("sample_site_serve", SAMPLE_SITE / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample_server = _load_sample_server()
