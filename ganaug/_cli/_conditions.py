"""``--condition COL=VALUE``: the text typed into the value the model knows.

A fitted model remembers each discrete column's values with their types
(``"Female"``, ``3``, ``True``), so the text ``3`` becomes the integer 3 for an
integer column and stays the string ``"3"`` for a text column.
"""

from ._errors import CommandError

_SHOWN_VALUES = 20
_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


def parse_conditions(specs, augmenter):
    """``{column: value}`` for ``GANAugmenter.sample`` from ``COL=VALUE`` texts.

    Parameters
    ----------
    specs : list of str
        The ``--condition`` arguments.
    augmenter : GANAugmenter
        The fitted model whose columns the conditions name.

    Returns
    -------
    dict or None
        ``None`` when ``specs`` is empty.

    Raises
    ------
    CommandError
        For a malformed condition, a column the model cannot condition on or
        a value the column never held during fit.
    """
    if not specs:
        return None
    columns = discrete_columns(augmenter)
    conditions = {}
    for spec in specs:
        name, sep, text = spec.partition("=")
        if not sep or not name:
            raise CommandError(f"--condition takes COL=VALUE; received {spec!r}.")
        if name not in columns:
            raise CommandError(_unknown_column(name, columns, augmenter))
        key, column = columns[name]
        conditions[key] = typed_value(text, column, name)
    return conditions


def discrete_columns(augmenter):
    """``{str(name): (key for conditions, column encoder)}`` of the discrete
    columns (the target under the name ``conditions`` give it)."""
    from .._data._container import TARGET_KEY

    found = {}
    for _, column in augmenter.encoder_.discrete:
        key = column.name
        if key == TARGET_KEY:
            key = augmenter.model_.container.target_key
        found[str(key)] = (key, column)
    return found


def typed_value(text, column, name):
    """The value of ``column`` that ``text`` spells.

    Parameters
    ----------
    text : str
    column : DiscreteColumn
        Its ``categories`` are the values seen during fit, typed.
    name : str
        The column's name, for the error message.

    Returns
    -------
    object
        The matching category (an ``int``, ``float``, ``bool`` or ``str``).
    """
    for category in column.categories:
        if _spells(text, category):
            return category
    shown = [str(c) for c in column.categories[:_SHOWN_VALUES]]
    more = " ..." if len(column.categories) > _SHOWN_VALUES else ""
    raise CommandError(
        f"--condition {name}={text}: column {name!r} never held the value "
        f"{text!r} during fit; its values are {shown}{more}."
    )


def _spells(text, category):
    if isinstance(category, bool):
        wanted = _TRUE if category else _FALSE
        return text.strip().lower() in wanted
    if isinstance(category, (int, float)):
        try:
            return float(text) == category
        except ValueError:
            return False
    return text == str(category)


def _unknown_column(name, columns, augmenter):
    known = list(columns)
    every = [str(c) for c in augmenter.model_.container.columns]
    if name in every:
        return (
            f"--condition names {name!r}, a continuous column; conditions take "
            f"the discrete columns {known}."
        )
    return (
        f"--condition names an unknown column {name!r}; the model's discrete "
        f"columns are {known}."
    )
