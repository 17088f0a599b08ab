"""The one way the aid writes a date for people: US order with the month in words ("January 5,
2027"), English names whatever the server's locale. Pure: no Streamlit."""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def us_date(day: dt.date) -> str:
    """ "January 5, 2027"."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def long_date(day: dt.date) -> str:
    """ "Tuesday, January 5, 2027": the date with its weekday, for plans and calendars."""
    return f"{WEEKDAYS[day.weekday()]}, {us_date(day)}"


def month_year(day: dt.date) -> str:
    """ "November 2024"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def partial_date(text: str) -> str:
    """A date the source gives in part (2017, 2022-06, 2017-08-30), in words."""
    if len(text) == 4:
        return text
    if len(text) == 7:
        return month_year(dt.date.fromisoformat(text + "-01"))
    return us_date(dt.date.fromisoformat(text))
