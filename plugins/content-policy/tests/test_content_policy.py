"""content_policy: the frame hosts the content embeds, and the policy every page carries."""

import pytest

from coaching_kb.content.policy import frame_hosts, parse_policy, site_policy

VIDEO = '<iframe src="https://video.example/embed/1"></iframe>'


@pytest.mark.parametrize(
    ("texts", "hosts"),
    [
        ([VIDEO], ["https://video.example"]),
        ([VIDEO, VIDEO.replace("video.", "VIDEO.")], ["https://video.example"]),
        (['<iframe src="http://plain.example/x"></iframe>'], []),  # never over plain http
        (['<img src="https://images.example/a.png">'], []),  # images are not frames
        (["<p>No frames here.</p>"], []),
    ],
)
def test_frame_hosts_are_the_https_hosts_the_content_embeds(texts, hosts):
    assert frame_hosts(texts) == hosts


def test_the_owners_lists_replace_the_defaults():
    policy = site_policy({"CSP_FRAME_SRC": "https://mine.example", "CSP_IMG_SRC": ["'self'"]}, [])
    assert policy == {"img-src": "'self'", "frame-src": "'self' https://mine.example"}


def test_a_page_allows_the_frames_its_site_embeds_and_no_others(build_site):
    site = build_site({
        "essays/a.md": f"""
            Title: With a video
            Date: 2026-01-02
            Tags: delegation

            A talk worth watching.

            {VIDEO}
            """,
    }, SEARCH_ENABLED=False)  # fmt: skip
    meta = site.page("with-a-video").select_one('meta[http-equiv="Content-Security-Policy"]')
    policy = parse_policy(meta["content"])
    assert policy["frame-src"] == ["'self'", "https://video.example"]
    assert "https:" in policy["img-src"]
    assert policy["script-src"] == ["'self'"]
