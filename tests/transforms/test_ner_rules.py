"""Unit tests of the NER rules: EMAIL/URL spans and the normalisation of amounts, dates and times."""
from __future__ import annotations

import pytest

from transforms.ner import rules


@pytest.mark.parametrize("text, expected", [
    ("3조6000억", 3.6e12),
    ("1억", 1e8),
    ("9경5700조", 9.57e16),
    ("70여", 70.0),
    ("5억2천700만", 5.27e8),
    ("1억6천400여만", 1.64e8),
    ("442억 7700만", 4.4277e10),
    ("1,500", 1500.0),
    ("2.5", 2.5),
    ("천", 1000.0),
    ("두", 2.0),
])
def test_parse_number(text, expected):
    assert rules.parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text, kind, value, unit", [
    ("3조6000억 원", "MONEY", 3.6e12, "KRW"),
    ("1억 달러", "MONEY", 1e8, "USD"),
    ("9경5700조번", "QUANTITY", 9.57e16, "번"),
    ("70여 명", "QUANTITY", 70.0, "명"),
    ("약 1천627만원", "MONEY", 1.627e7, "KRW"),
    ("29만원", "MONEY", 2.9e5, "KRW"),
    ("47.6%", "PERCENT", 47.6, "%"),
    ("3.5%p", "PERCENT", 3.5, "%p"),
    ("$300", "MONEY", 300.0, "USD"),
    ("한 번", "QUANTITY", 1.0, "번"),
    ("16명", "QUANTITY", 16.0, "명"),
    ("2.6km", "QUANTITY", 2.6, "km"),
])
def test_normalize_amount(text, kind, value, unit):
    assert rules.normalize_amount(text) == (kind, pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["", "하늘", "씨", "%"])
def test_normalize_amount_without_number(text):
    assert rules.normalize_amount(text) is None


@pytest.mark.parametrize("text, published, expected", [
    ("2013년 5월 6일", None, "2013-05-06"),
    ("2010년 5월", None, "2010-05"),
    ("2010년", None, "2010"),
    ("2019.3.1", None, "2019-03-01"),
    ("지난해", "2014-01-15", "2013"),
    ("지난해 8월", "2014-01-15", "2013-08"),
    ("20일", "2014-03-22", "2014-03-20"),
    ("지난 19일", "2014-03-05", "2014-02-19"),
    ("오는 6월", "2014-08-01", "2015-06"),
    ("오는 6월", "2014-03-01", "2014-06"),
    ("오는 23일", "2014-03-25", "2014-04-23"),
    ("지난달 31일", "2014-04-10", "2014-03-31"),
    ("이날", "2014-04-10T09:30", "2014-04-10"),
    ("어제", "2014-03-01", "2014-02-28"),
    ("올해", "2014-04-10", "2014"),
    ("3월 1일", "2014-04-10", "2014-03-01"),
    ("20일", None, None),
    ("나흘", "2014-04-10", None),
    ("60년대", None, None),
    ("2월 30일", "2014-04-10", None),
])
def test_normalize_date(text, published, expected):
    assert rules.normalize_date(text, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("오후 7시 30분", "19:30"),
    ("오전 9시", "09:00"),
    ("오후 3시 반", "15:30"),
    ("새벽 12시", "00:00"),
    ("14:05", "14:05"),
    ("두시간", None),
    ("2시간", None),
    ("오후", None),
])
def test_normalize_time(text, expected):
    assert rules.normalize_time(text) == expected


@pytest.mark.parametrize("text, spans", [
    ("문의는 hong.gildong@example.co.kr 로", [("hong.gildong@example.co.kr", "EMAIL")]),
    ("자세한 내용은 https://www.example.com/a?b=1. 참고", [("https://www.example.com/a?b=1", "URL")]),
    ("(www.newsetl.kr)에서", [("www.newsetl.kr", "URL")]),
    ("기자 reporter@news.com", [("reporter@news.com", "EMAIL")]),
    ("이메일 없음 3.5%", []),
])
def test_find_emails_urls(text, spans):
    found = rules.find_emails_urls(text)
    assert [(text[s:e], t) for s, e, t in found] == spans


def test_find_amounts_spans_and_values():
    text = "매출은 3조6000억 원, 직원은 70여 명이다."
    found = [(text[s:e], t, v, u) for s, e, t, v, u in rules.find_amounts(text)]
    assert found == [("3조6000억 원", "MONEY", 3.6e12, "KRW"), ("70여 명", "QUANTITY", 70.0, "명")]
