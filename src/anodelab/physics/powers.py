"""x**e for the exponents the model uses, without the cost of a general power.

numpy's ``np.power`` takes its general (exp/log) path for every exponent except 2: at 16 384 designs
``x**0.5`` costs twice ``np.sqrt(x)`` and ``x**1.0`` costs ten multiplications. The model's exponents
are parameters (``resources/model/parameters.toml``) whose shipped values are 1, ½ and 2, so the
engine takes the exact shortcut when an exponent has one of those values and the general power
otherwise. The results agree with ``x**e`` to the last bit or two (sqrt is correctly rounded).
"""

from __future__ import annotations

import numpy as np


def power(x, exponent):
    """x**exponent for an array x and a scalar exponent (fast paths: 0, ¼, ½, 1, 2, 3, 6).

    With exponent 1 the result is ``x`` itself (as a float array), not a copy. An array exponent (a model
    parameter with one value per design, :meth:`~anodelab.physics.parameters.ModelParameters.with_row_values`)
    is applied element-wise with ``np.power``.
    """
    if np.ndim(exponent):
        return np.power(x, exponent)
    e = float(exponent)
    if e == 1.0:
        return np.asarray(x, dtype=float)
    if e == 0.5:
        return np.sqrt(x)
    if e == 0.25:
        return np.sqrt(np.sqrt(x))
    if e == 2.0:
        return np.square(x)
    if e == 3.0:
        return x * x * x
    if e == 6.0:
        c = x * x * x
        return c * c
    if e == 0.0:
        return np.ones_like(x, dtype=float)
    return np.power(x, e)
