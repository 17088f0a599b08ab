"""Registry consistency: pages, session keys, text files and sources agree with what exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from components import schema, sitemap, state

ROOT = Path(__file__).resolve().parents[2]


def test_every_page_file_is_registered_and_every_registered_page_exists():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    registered = {p.file for p in sitemap.PAGES}
    assert on_disk == registered


def test_exactly_one_default_page_and_known_sections():
    assert sum(p.default for p in sitemap.PAGES) == 1
    assert {p.section for p in sitemap.PAGES} <= set(sitemap.SECTIONS)


def test_page_titles_and_url_paths_are_unique():
    assert len({p.title for p in sitemap.PAGES}) == len(sitemap.PAGES)
    assert len({p.url_path for p in sitemap.PAGES}) == len(sitemap.PAGES)


# --- session keys, read from the syntax tree --------------------------------------------------
# Every place a key is named: `key=` on any call, `prefix=` (a page's widget prefix),
# `st.session_state[...]`, `st.session_state.get/pop/setdefault(...)` and `... in st.session_state`.
# Each key expression is folded to text: strings and f-strings, module and local constants (tuple
# assignments too), `state.K_*`, parameter defaults and same-module helpers (like `wkey`,
# `_keys`); what cannot be known becomes `*`. A parameter named `stem` or `page_stem` is a page's
# url path (`<page>`), and every call that passes one is checked to pass a real page. A folded key
# must be registered, or start with a page's `<page>__` prefix. A bare parameter without a default
# (`key=key`) is a pass-through, checked where its callers name the key; a loop variable over
# the session's keys is not a key name.
UNKNOWN, PAGE = "*", "<page>"
STEM_PARAMS = ("stem", "page_stem")
STATE_ACCESSORS = {"get", "pop", "setdefault", "__setitem__", "__getitem__", "__delitem__"}


def _ui_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
            *sorted((ROOT / "components").glob("ui*.py")), ROOT / "components" / "state.py"]


def _assignments(body: list[ast.stmt] | ast.AST) -> dict[str, ast.expr]:
    """name -> expression for `x = ...` and `a, b = ...` (a tuple, or a call whose result is one)."""
    found: dict[str, ast.expr] = {}
    nodes = body if isinstance(body, list) else list(ast.walk(body))
    for node in nodes:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            found[node.target.id] = node.value
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name):
            found[target.id] = node.value
        elif isinstance(target, ast.Tuple):
            for i, element in enumerate(target.elts):
                if isinstance(element, ast.Name):
                    found[element.id] = ast.Subscript(node.value, ast.Constant(i))
    return found


class _Folder:
    """Folds a key expression of one module to text."""

    def __init__(self, tree: ast.Module) -> None:
        self.constants = _assignments(tree.body)
        self.functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}

    def fold(self, node: ast.expr, scope: dict[str, object], depth: int = 0) -> str | None:
        """The key as text; None for a pass-through (a parameter without a default)."""
        if depth > 8:
            return UNKNOWN
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            parts = [self.fold(v.value if isinstance(v, ast.FormattedValue) else v, scope,
                               depth + 1) for v in node.values]
            return "".join(UNKNOWN if p is None else p for p in parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            parts = [self.fold(n, scope, depth + 1) for n in (node.left, node.right)]
            return "".join(UNKNOWN if p is None else p for p in parts)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
                node.value.id == "state"):
            value = getattr(state, node.attr, None)
            assert isinstance(value, str), f"state.{node.attr} is not a key"
            return value
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            if isinstance(node.value, ast.Tuple):
                return self.fold(node.value.elts[node.slice.value], scope, depth + 1)
            if isinstance(node.value, ast.Call):
                return self._fold_call(node.value, scope, depth, element=node.slice.value)
            return UNKNOWN
        if isinstance(node, ast.Name):
            if node.id in scope:
                bound = scope[node.id]
                return self.fold(bound, scope, depth + 1) if isinstance(bound, ast.expr) else (
                    bound)  # type: ignore[return-value]
            if node.id in self.constants:
                return self.fold(self.constants[node.id], {}, depth + 1)
            return UNKNOWN
        if isinstance(node, ast.Call):
            return self._fold_call(node, scope, depth)
        return UNKNOWN

    def _fold_call(self, call: ast.Call, outer: dict[str, object], depth: int,
                   element: int | None = None) -> str:
        fn = self.functions.get(call.func.id) if isinstance(call.func, ast.Name) else None
        if fn is None:
            return UNKNOWN
        inner = _parameters(fn, self)
        params = [a.arg for a in fn.args.args]
        for i, name in enumerate(params):
            given = next((k.value for k in call.keywords if k.arg == name), None)
            if given is None and i < len(call.args):
                given = call.args[i]
            if given is not None:
                inner[name] = self.fold(given, outer, depth + 1) or UNKNOWN
        inner.update({k: v for k, v in _assignments(fn).items() if k not in params})
        returns = [n.value for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value]
        assert len(returns) == 1, f"{fn.name}: a key helper must have one return"
        result = returns[0]
        if element is not None and isinstance(result, ast.Tuple):
            result = result.elts[element]
        return self.fold(result, inner, depth + 1) or UNKNOWN


def _parameters(fn: ast.FunctionDef | ast.Lambda, folder: _Folder) -> dict[str, object]:
    """A function's parameters: a page stem, a folded default, or None (a pass-through)."""
    args = fn.args.args + fn.args.kwonlyargs
    defaults = [None] * (len(fn.args.args) - len(fn.args.defaults)) + list(fn.args.defaults)
    defaults += list(fn.args.kw_defaults)
    return {a.arg: PAGE if a.arg in STEM_PARAMS else (None if d is None else folder.fold(d, {}))
            for a, d in zip(args, defaults, strict=True)}


def _scopes(tree: ast.Module, folder: _Folder) -> dict[ast.AST, dict[str, object]]:
    """For every node inside a function: its parameters, local assignments and loop names."""
    scopes: dict[ast.AST, dict[str, object]] = {}
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.Lambda)]
    for fn in functions:  # outer functions first, so inner ones see their parents' names
        scope: dict[str, object] = {}
        scope.update(_parameters(fn, folder))
        if isinstance(fn, ast.FunctionDef):
            scope.update({k: v for k, v in _assignments(fn).items() if k not in scope})
            for loop in ast.walk(fn):
                if isinstance(loop, ast.For | ast.comprehension):
                    for name in ast.walk(loop.target):
                        if isinstance(name, ast.Name):
                            scope[name.id] = None
        for node in ast.walk(fn):
            scopes.setdefault(node, {}).update(scope)
    return scopes


def _is_session_state(node: ast.expr) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def _key_sites(tree: ast.Module) -> list[tuple[int, ast.expr, str]]:
    """(line, expression, what) for every place a session key or widget prefix is named."""
    sites = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            sites += [(node.lineno, kw.value, kw.arg) for kw in node.keywords
                      if kw.arg in ("key", "prefix")]
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in STATE_ACCESSORS and (
                    _is_session_state(func.value)) and node.args:
                sites.append((node.lineno, node.args[0], "key"))
        elif isinstance(node, ast.Subscript) and _is_session_state(node.value):
            sites.append((node.lineno, node.slice, "key"))
        elif isinstance(node, ast.Compare) and any(_is_session_state(c) for c in
                                                   node.comparators):
            sites.append((node.lineno, node.left, "key"))
    return sites


def _key_problems(path: Path) -> tuple[list[str], int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    folder = _Folder(tree)
    scopes = _scopes(tree, folder)
    prefixes = tuple(state.WIDGET_PREFIXES) + (f"{PAGE}__",)
    problems, checked = [], 0
    for line, expr, what in _key_sites(tree):
        folded = folder.fold(expr, scopes.get(expr, {}))
        if folded is None:
            continue  # a pass-through parameter or a loop over the session's keys
        checked += 1
        if what == "prefix":  # a page's own prefix, or a part's within it (self_assessment__cg_)
            ok = UNKNOWN not in folded and folded.startswith(prefixes)
        elif UNKNOWN in folded:
            ok = folded.split(UNKNOWN)[0].startswith(prefixes)
        else:
            ok = folded in state.DEFAULTS or folded.startswith(prefixes)
        if not ok:
            problems.append(f"{path.relative_to(ROOT)}:{line}: {what} {folded!r}")
    return problems, checked


def _stem_calls(paths: list[Path]) -> list[tuple[str, ast.expr]]:
    """Every argument passed to a `stem`/`page_stem` parameter of a function in these files."""
    defs: dict[tuple[str, str], list[str]] = {}  # (module, function) -> parameter names
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in paths}
    for path, tree in trees.items():
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef) and any(a.arg in STEM_PARAMS for a in fn.args.args):
                defs[(path.stem, fn.name)] = [a.arg for a in fn.args.args]
    found = []
    for path, tree in trees.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            func = call.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                where = (func.value.id, func.attr)  # ui_answers.download_button(...)
            elif isinstance(func, ast.Name):
                where = (path.stem, func.id)
            else:
                continue
            if where not in defs:
                continue
            for i, param in enumerate(defs[where]):
                if param in STEM_PARAMS:
                    given = next((k.value for k in call.keywords if k.arg == param), None)
                    given = given or (call.args[i] if i < len(call.args) else None)
                    if given is not None:
                        found.append((f"{path.relative_to(ROOT)}:{call.lineno}", given))
    return found


def test_every_session_key_used_in_code_is_registered():
    """Widget keys and session_state lookups name registered keys or `<page>__` keys, f-strings
    and helper-made keys included, in every module that talks to Streamlit."""
    problems, checked = [], 0
    for path in _ui_files():
        found, n = _key_problems(path)
        problems += found
        checked += n
    assert problems == []
    assert checked > 60  # the walk really finds the keys


def test_every_page_stem_passed_to_a_helper_is_a_page():
    pages = {p.url_path for p in sitemap.PAGES}
    calls = _stem_calls(_ui_files())
    wrong = [where for where, arg in calls
             if not (isinstance(arg, ast.Constant) and arg.value in pages)
             and not (isinstance(arg, ast.Name) and arg.id in STEM_PARAMS)
             and not (isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.FormattedValue)
                      and getattr(arg.values[0].value, "id", None) in STEM_PARAMS)
             and not (isinstance(arg, ast.Attribute) and arg.attr == "url_path")]
    assert wrong == []
    assert len(calls) > 10


def test_the_key_check_catches_unregistered_keys(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text('import streamlit as st\nP = "nowhere__"\nA, B = f"{P}a", "journey__b"\n'
                   'def draw(i, stem):\n    st.checkbox("x", key=f"{P}box_{i}")\n'
                   '    st.session_state[f"journey__{i}"] = 1\n'
                   '    st.session_state.setdefault("loose", 1)\n'
                   '    k = A\n    st.toggle("y", key=k)\n    st.toggle("z", key=B)\n'
                   '    st.toggle("w", key=f"{stem}__w")\n', encoding="utf-8")
    globals()["ROOT"] = tmp_path
    try:
        problems, checked = _key_problems(bad)
    finally:
        globals()["ROOT"] = Path(__file__).resolve().parents[2]
    assert checked == 6
    assert problems == ["bad.py:5: key 'nowhere__box_*'", "bad.py:7: key 'loose'",
                        "bad.py:9: key 'nowhere__a'"]


def test_every_text_file_is_used_by_code():
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").glob("*.py")]
    )
    unused = []
    for path in (ROOT / "data" / "text").glob("*.md"):
        page, _, section = path.stem.partition("__")
        if path.stem not in code and not (f'"{page}__' in code and section in code):
            unused.append(path.name)
    assert unused == []


def test_every_table_in_data_is_declared():
    declared = {t.file for t in schema.TABLES}
    on_disk = {p.name for p in (ROOT / "data").glob("*.csv")}
    assert on_disk == declared


def test_every_wording_the_code_asks_for_exists_and_every_row_is_used(real_content):
    code = "\n".join(p.read_text(encoding="utf-8") for p in
                     [ROOT / "app.py", *(ROOT / "pages").glob("*.py"),
                      *(ROOT / "components").glob("*.py")])
    asked = set(re.findall(r"""words\(\s*["']([a-z_]+)["']""", code))
    have = {r["wording_id"] for r in real_content.rows("wording")}
    assert asked <= have
    unused = {w for w in have if f'"{w}"' not in code}
    assert unused == set()
