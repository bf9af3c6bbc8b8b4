from pathlib import Path

from assistant.config import get_settings


def test_environment_overrides_defaults_and_arguments_override_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    monkeypatch.setenv("ASSISTANT_MODEL_PATH", str(tmp_path / "m.gguf"))
    settings = get_settings()
    assert settings.top_k == 7
    assert settings.model_path == tmp_path / "m.gguf"
    assert get_settings(top_k=3).top_k == 3
    assert get_settings(top_k=None).top_k == 7


def test_defaults_point_at_the_project_folders(monkeypatch):
    monkeypatch.delenv("ASSISTANT_INDEX_DIR", raising=False)
    settings = get_settings()
    assert settings.index_dir.name == "index" and settings.corpus_dir.name == "corpus"
    assert isinstance(settings.index_dir, Path)
    assert settings.temperature == 0.0
