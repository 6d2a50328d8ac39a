"""template_fallback: a `Template:` the theme lacks falls back to article/page, with a warning."""

import logging


def test_an_unknown_template_falls_back_with_a_warning_naming_the_file(build_alone, caplog):
    caplog.set_level(logging.WARNING, logger="pelican.plugins.template_fallback")
    site = build_alone("template_fallback", {
        "fancy.md": """
            Title: Fancy
            Date: 2026-01-02
            Template: fancy

            Shown with the article template.
            """,
        "pages/landing.md": """
            Title: Landing
            Template: landing-page

            Shown with the page template.
            """,
    })  # fmt: skip
    assert "Shown with the article template." in site.page("fancy.html").get_text()
    assert "Shown with the page template." in site.page("pages/landing.html").get_text()
    said = caplog.text
    assert "fancy.md:3: 'Template: fancy' asks for fancy.html, which is in none of" in said
    assert "pages/landing.md:2: 'Template: landing-page' asks for landing-page.html" in said
    # Where it was looked for, and a fix naming that folder.
    assert "themes/notmyidea/templates, then Pelican's simple theme); the article tem" in said
    assert "Fix: remove the 'Template:' line, or add fancy.html to " in said


def test_a_known_template_is_left_alone(build_alone, caplog):
    caplog.set_level(logging.WARNING, logger="pelican.plugins.template_fallback")
    site = build_alone("template_fallback", {
        "plain.md": "Title: Plain\nDate: 2026-01-02\nTemplate: article\n\nText.\n",
    })  # fmt: skip
    assert site.page("plain.html").select_one("article")
    assert "template_fallback" not in caplog.text
