"""The deploy workflow installs like dev.py, verifies before publishing, and keeps deploys."""

import runpy

import yaml

from coaching_kb.testing import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "deploy.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def commands(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_no_install_step_hides_its_failure():
    for name, job in workflow()["jobs"].items():
        for command in commands(job):
            assert "|| true" not in command, f"{name}: {command}"
            assert "chromium-browser" not in command, f"{name}: a snap stub on Ubuntu"


def test_the_production_build_is_verified_before_it_is_uploaded():
    steps = workflow()["jobs"]["publish"]["steps"]
    runs = [step.get("run", "") for step in steps]
    uses = [step.get("uses", "") for step in steps]
    built = next(i for i, run in enumerate(runs) if "invoke publish" in run)
    verified = next(i for i, run in enumerate(runs) if "invoke verify" in run)
    uploaded = next(i for i, use in enumerate(uses) if "upload-pages-artifact" in use)
    assert built < verified < uploaded


def test_a_pull_request_never_cancels_a_deploy_of_main():
    flow = workflow()
    group = flow["concurrency"]["group"]
    assert "github.ref" in group or "pull_request.number" in group  # one group per ref
    assert "pull_request" in str(flow["concurrency"]["cancel-in-progress"])
    publish = flow["jobs"]["publish"]
    assert publish["concurrency"]["cancel-in-progress"] is False


def test_serving_installs_the_project_without_the_test_tools():
    dev = runpy.run_path(str(ROOT / "dev.py"))
    serving = dev["pip_arguments"]("")
    testing = dev["pip_arguments"]("test")
    assert "--editable=." in serving
    assert not any("[test]" in argument for argument in serving)
    assert "--editable=.[test]" in testing
