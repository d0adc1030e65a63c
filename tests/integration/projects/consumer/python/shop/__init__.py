"""A small package wrapped by the consumer project: `price` uses a helper submodule."""

from . import _helpers


def price(quantity: int) -> int:
    """Price in cents of `quantity` items: the helper's unit price times the quantity."""
    return _helpers.unit_price() * quantity + 1
