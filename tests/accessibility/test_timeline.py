"""A recommendation's history reads as a timeline at 320 CSS px: each
paper's entry, its facts and its full narrative wrap within the viewport,
with no sideways scrolling and no narrow table column."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver

from tests.accessibility import audit

CAM_1 = "inspections/contact-assessment-model/recommendation-1/"

ENTRIES = """
const heading = Array.from(document.querySelectorAll('article h2')).find(h => h.textContent.trim() === 'History');
const entries = [];
let entry = null;
for (let node = heading.nextElementSibling; node && node.tagName !== 'H2'; node = node.nextElementSibling) {
  if (node.tagName === 'H3') { entry = {heading: node.textContent.trim(), widths: [], inTable: false, text: ''}; entries.push(entry); continue; }
  if (!entry) continue;
  const box = node.getBoundingClientRect();
  entry.widths.push([box.left, box.right]);
  entry.inTable = entry.inTable || node.closest('table') !== null;
  entry.text += node.textContent;
}
return {entries, viewport: document.querySelector('article').getBoundingClientRect().right};
"""


@pytest.fixture
def phone(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    audit.set_viewport(browser, audit.NARROW)
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_history_entries_wrap_within_320_px(served_site: str, phone: webdriver.Chrome) -> None:
    audit.open_page(phone, served_site + CAM_1)
    found = phone.execute_script(ENTRIES)
    assert [entry["heading"] for entry in found["entries"]] == [
        "12 September 2023: HMICS Assurance Review of Contact Assessment Model (9/22) - Police Scotland Improvement Update",
        "18 September 2024: HMICS Improvement Plans – Progress Summary",
    ]
    for entry in found["entries"]:
        assert not entry["inTable"]
        assert all(left >= 0 and right <= found["viewport"] + 0.5 for left, right in entry["widths"]), entry
    assert "Evidence is currently being collated and our response will be submitted to HMICS" in found["entries"][1]["text"]
