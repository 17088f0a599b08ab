"""Which study's numbers to show for which use: the approved uses of a product for a cancer,
each named by its study, the products that fit a diagnosis (and an age), and whether a study's
group of people matches the number of earlier treatments. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from components import finder
from components.content import Content
from components.frequencies import capitalise, is_missing


@dataclass(frozen=True)
class DataSet:
    """One product used for one diagnosis, with the study its numbers come from."""

    indication_id: str
    product_id: str
    disease_id: str
    brand: str
    trial: str
    line_plain: str
    disease: str

    @property
    def label(self) -> str:
        """Heading text, e.g. 'Yescarta, ZUMA-1 study'."""
        return f"{self.brand}, {self.trial} study"

    @property
    def short(self) -> str:
        """Chart label, e.g. 'Yescarta · ZUMA-1'."""
        return f"{self.brand} · {self.trial}"


def diagnosis_labels(content: Content) -> dict[str, str]:
    """disease_id -> name, in the order of diseases.csv."""
    frame = content.table("diseases").sort_values("order")
    return dict(zip(frame["disease_id"], frame["name"], strict=True))


def product_labels(content: Content) -> dict[str, str]:
    """product_id -> 'Brand (generic name)', in the order of products.csv."""
    frame = content.table("products")
    return {
        pid: f"{brand} ({generic})"
        for pid, brand, generic in zip(
            frame["product_id"], frame["brand"], frame["generic"], strict=True
        )
    }


def products_for(content: Content, disease_id: str | None, age: Any = None) -> list[str]:
    """Products approved for the diagnosis (all products when none is chosen yet).

    With an age, a cancer split by age (B-cell ALL) also gets the other age group's products
    whose approval covers that age (finder.age_group_indications).
    """
    order = [r["product_id"] for r in content.rows("products")]
    if not disease_id:
        return order
    wanted = set(finder.age_group_indications(content, disease_id, age))
    used = {r["product_id"] for r in content.rows("indications") if r["indication_id"] in wanted}
    return [p for p in order if p in used]


def compare_options(choices: list[str], product: str | None, disease_id: str | None) -> list[str]:
    """Other products for the same diagnosis that can be shown beside the chosen one."""
    if not (product and disease_id):
        return []
    return [p for p in choices if p != product]


def product_choice(
    content: Content, disease_id: str | None, product_id: str | None, age: Any = None
) -> tuple[list[str], str | None]:
    """(products to offer, the product shown as chosen) for a cancer.

    A product the person chose stays chosen, and offered, even when it does not fit the cancer
    (the page says why: `product_note`); a choice is never dropped silently. With no choice
    and just one product for the cancer, that one. An unknown product id is not a choice.
    """
    offered = products_for(content, disease_id, age)
    known = {r["product_id"] for r in content.rows("products")}
    if product_id not in known:
        product_id = None
    if product_id is None:
        return offered, (offered[0] if disease_id and len(offered) == 1 else None)
    if product_id not in offered:
        return [*offered, product_id], product_id
    return offered, product_id


def fits(content: Content, disease_id: str | None, product_id: str | None, age: Any = None) -> bool:
    """True when there is nothing to say: no cancer or no product chosen, or they fit."""
    return not (disease_id and product_id) or product_id in products_for(content, disease_id, age)


def product_note(
    content: Content, disease_id: str | None, product_id: str | None, age: Any = None,
    wording: str = "product_not_for_cancer",
) -> str | None:
    """What to say when the chosen product is not approved for the chosen cancer."""
    if disease_id is None or fits(content, disease_id, product_id, age):
        return None
    return content.words(wording, product=product_name(content, product_id),
                         cancer=column_map(content, "diseases", "disease_id",
                                           "short_name")[disease_id])


def product_name(content: Content, product_id: str | None) -> str:
    """The brand of a product ('Yescarta'); empty when none is chosen."""
    return column_map(content, "products", "product_id", "brand").get(product_id or "", "")


def product_option_label(
    content: Content, disease_id: str | None, product_id: str, age: Any = None
) -> str:
    """How a product reads in a picker: 'Yescarta (axicabtagene ciloleucel)', or marked as not
    approved for the chosen cancer."""
    label = product_labels(content)[product_id]
    if fits(content, disease_id, product_id, age):
        return label
    return content.words("product_not_for_cancer_short", product=label)


def data_sets(
    content: Content, table: str, product_ids: Iterable[str], disease_id: str | None,
    age: Any = None,
) -> list[DataSet]:
    """The product uses to show, in product order, each named by the study in `table`.

    With an age, uses of the other B-cell ALL age group that cover that age are included.
    """
    wanted = [p for p in product_ids if p]
    if not wanted:
        return []
    inds = content.rows("indications")
    if disease_id:
        fits = set(finder.age_group_indications(content, disease_id, age))
        inds = tuple(r for r in inds if r["indication_id"] in fits)
    brands = column_map(content, "products", "product_id", "brand")
    diseases = column_map(content, "diseases", "disease_id", "short_name")
    trials: dict[str, list[str]] = {}
    for row in content.rows(table):
        trials.setdefault(row["indication_id"], []).append(row["trial"])
    out = []
    for product in wanted:
        for ind in (r for r in inds if r["product_id"] == product):
            # The study behind the approval names the data set when the table has its rows.
            held = trials.get(ind["indication_id"], [])
            trial = ind["trial"] if ind["trial"] in held else (held[0] if held else "main")
            out.append(
                DataSet(
                    indication_id=ind["indication_id"],
                    product_id=product,
                    disease_id=ind["disease_id"],
                    brand=brands[product],
                    trial=trial,
                    line_plain=ind["line_plain"],
                    disease=diseases[ind["disease_id"]],
                )
            )
    return out


def matches_lines(content: Content, ds: DataSet, prior_lines: int | None) -> bool:
    """True when the approval this study belongs to covers `prior_lines` earlier treatments."""
    if prior_lines is None:
        return False
    row = next((r for r in content.rows("indications")
                if r["indication_id"] == ds.indication_id), None)
    if row is None:
        return False
    low, high = row["min_prior_lines"], row["max_prior_lines"]
    return not ((not is_missing(low) and prior_lines < low)
                or (not is_missing(high) and prior_lines > high))


def order_by_lines(content: Content, sets: list[DataSet], prior_lines: int | None
                   ) -> list[DataSet]:
    """The studies that match the number of earlier treatments first (stable otherwise)."""
    if prior_lines is None:
        return list(sets)
    return sorted(sets, key=lambda ds: not matches_lines(content, ds, prior_lines))


def study_group(content: Content, ds: DataSet, prior_lines: int | None) -> tuple[bool, str]:
    """(matches, words): which group of people a study is about, and whether that matches
    the number of earlier treatments the person told us."""
    group = f"{capitalise(ds.disease)}: {ds.line_plain.lower()}"
    if prior_lines is None:
        return False, content.words("studies_about", cancer=ds.disease,
                                    line=ds.line_plain.lower())
    told = f"{prior_lines} earlier treatment{'' if prior_lines == 1 else 's'}"
    if matches_lines(content, ds, prior_lines):
        return True, content.words("studies_matches", told=told, group=group)
    return False, content.words("studies_differs", told=told, group=group)


def column_map(content: Content, table: str, key: str, value: str) -> dict[str, str]:
    return {r[key]: r[value] for r in content.rows(table)}


def rows_for(content: Content, table: str, ds: DataSet) -> list[dict[str, Any]]:
    """The rows of `table` for one data set, as dicts with empty cells as None: first those of
    the study behind the approval, then those of other studies of the same use (for example a
    study in people after more earlier treatments), each saying who it is about."""
    rows = [r for r in content.rows(table) if r["indication_id"] == ds.indication_id]
    return sorted(rows, key=lambda r: r["trial"] != ds.trial)
